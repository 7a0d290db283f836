package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.core.deploy.CodeDeployInput;
import io.jenkins.plugins.puppetenterprise.core.input.InstallationChoice;
import io.jenkins.plugins.puppetenterprise.core.input.InstallationSettings;
import io.jenkins.plugins.puppetenterprise.core.input.InvalidInputException;
import io.jenkins.plugins.puppetenterprise.core.job.JobInput;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanRunInput;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad global configuration (installation settings, the {@code server} a step names, its
 * credential) is refused with the field named and the fix; and every bad input, of the
 * configuration here and of the steps and builders ({@link BadInputTest}), is refused before any
 * request reaches PE: each goes through the path a front end takes (check the configuration,
 * choose the installation and credential, validate the input, submit through the core) against a
 * running simulator whose journal must stay empty. A good request on the same path reaches PE.
 */
class BadInputBeforeNetworkTest {
    private static final String TOKEN = "canary-token-5be1d";
    private static final String PASSWORD = "canary-password-c07a";
    private static final String TOKEN_CREDENTIAL = "pe-token";
    private static final Instant NOW = Instant.now();

    private static PeSimulator pe;
    private static ExecutionCore core;

    @BeforeAll
    static void startSimulator() {
        pe = PeSimulator.start();
        pe.addUser("deployer", PASSWORD, UserPermissions.deployer());
        pe.addPlan(PlanSpec.named("m"));
        core = new ExecutionCore((task, delay) -> null, pe.clock(), PollBackoff.DEFAULT, () -> 0.5);
    }

    @AfterAll
    static void stopSimulator() {
        pe.close();
    }

    @BeforeEach
    void clearJournal() {
        pe.journal().clear();
    }

    /** What the administrator and the job entered; every field starts usable, against the simulator. */
    static final class Form {
        String name = "production";
        String primaryHost;
        String rbacUrl = pe.rbacUrl().toString();
        String codeManagerUrl = pe.codeManagerUrl().toString();
        String orchestratorUrl = pe.orchestratorUrl().toString();
        String consoleUrl = pe.consoleUrl().toString();
        String puppetDbUrl = pe.puppetDbUrl().toString();
        String caCertificates = pe.caPem();
        String defaultCredentialsId = TOKEN_CREDENTIAL;
        int connectTimeoutSeconds = InstallationSettings.DEFAULT_CONNECT_TIMEOUT_SECONDS;
        int readTimeoutSeconds = InstallationSettings.DEFAULT_READ_TIMEOUT_SECONDS;
        int maxAnswerMegabytes = InstallationSettings.DEFAULT_MAX_ANSWER_MEGABYTES;
        int requestsPerSecond = InstallationSettings.DEFAULT_REQUESTS_PER_SECOND;
        List<InstallationSettings> more = new ArrayList<>();
        boolean noInstallation;
        String server;
        String stepCredentialsId;
        /** The credentials Jenkins holds: ID to type. */
        Map<String, String> credentials = new LinkedHashMap<>(Map.of(TOKEN_CREDENTIAL, "StringCredentialsImpl"));

        InstallationSettings settings() {
            return new InstallationSettings(
                    name,
                    primaryHost,
                    rbacUrl,
                    codeManagerUrl,
                    orchestratorUrl,
                    consoleUrl,
                    caCertificates,
                    defaultCredentialsId,
                    connectTimeoutSeconds,
                    readTimeoutSeconds,
                    puppetDbUrl,
                    maxAnswerMegabytes,
                    requestsPerSecond);
        }

        List<InstallationSettings> installations() {
            List<InstallationSettings> all = new ArrayList<>();
            if (!noInstallation) {
                all.add(settings());
            }
            all.addAll(more);
            return all;
        }
    }

    static Stream<Arguments> badConfigurations() {
        String expired = TestCertificates.caPem("Old PE CA", NOW.minusSeconds(7200), NOW.minusSeconds(3600));
        String future = TestCertificates.caPem("Future PE CA", NOW.plusSeconds(3600), NOW.plusSeconds(7200));
        return Stream.of(
                bad("installation without a name", f -> f.name = null, "name", "give each installation a name"),
                bad("installation with a blank name", f -> f.name = "  ", "name", "give each installation a name"),
                bad(
                        "two installations with one name",
                        f -> f.more.add(f.settings()),
                        "name",
                        "give each installation its own name"),
                bad(
                        "no primary host and no service URLs",
                        f -> f.rbacUrl = f.codeManagerUrl = f.orchestratorUrl = f.consoleUrl = null,
                        "primaryHost",
                        "enter the PE primary server's host name"),
                bad(
                        "primary host with a scheme",
                        f -> {
                            f.primaryHost = "https://pe.example.com";
                            f.consoleUrl = null;
                        },
                        "primaryHost",
                        "enter only the host name"),
                bad(
                        "primary host with a path",
                        f -> {
                            f.primaryHost = "pe.example.com/console";
                            f.consoleUrl = null;
                        },
                        "primaryHost",
                        "enter only the host name"),
                bad("RBAC URL over http", f -> f.rbacUrl = "http://pe.example.com:4433", "rbacUrl", "https://"),
                bad(
                        "Code Manager URL over http",
                        f -> f.codeManagerUrl = "http://pe.example.com:8170",
                        "codeManagerUrl",
                        "https://"),
                bad(
                        "Orchestrator URL over http",
                        f -> f.orchestratorUrl = "http://pe.example.com:8143",
                        "orchestratorUrl",
                        "https://"),
                bad("console URL over http", f -> f.consoleUrl = "http://pe.example.com", "consoleUrl", "https://"),
                bad(
                        "PuppetDB URL over http",
                        f -> f.puppetDbUrl = "http://pe.example.com:8080",
                        "puppetDbUrl",
                        "https://"),
                bad(
                        "PuppetDB URL with a password",
                        f -> f.puppetDbUrl = "https://admin:" + PASSWORD + "@pdb.example.com:8081",
                        "puppetDbUrl",
                        "must not carry user information"),
                bad(
                        "URL with a password, over http",
                        f -> f.rbacUrl = "http://admin:" + PASSWORD + "@pe.example.com:4433",
                        "rbacUrl",
                        "https://"),
                bad(
                        "URL with a password",
                        f -> f.orchestratorUrl = "https://admin:" + PASSWORD + "@pe.example.com:8143",
                        "orchestratorUrl",
                        "must not carry user information"),
                bad(
                        "URL with a token in the query",
                        f -> f.codeManagerUrl = "https://pe.example.com:8170?token=" + TOKEN,
                        "codeManagerUrl",
                        "must not carry user information, a query"),
                bad(
                        "URL that does not parse, with a password",
                        f -> f.rbacUrl = "https://admin:" + PASSWORD + "@pe example.com",
                        "rbacUrl",
                        "is not a valid URL"),
                bad(
                        "URL without a host",
                        f -> f.orchestratorUrl = "https:///orchestrator",
                        "orchestratorUrl",
                        "write it as https://host:port"),
                bad("empty CA bundle", f -> f.caCertificates = null, "caCertificates", "ca.pem"),
                bad(
                        "CA text that is not PEM",
                        f -> f.caCertificates = "paste the CA here",
                        "caCertificates",
                        "holds no PEM certificate"),
                bad(
                        "CA PEM markers around garbage",
                        f -> f.caCertificates = "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----",
                        "caCertificates",
                        "not valid PEM"),
                bad(
                        "CA bundle with a private key",
                        f -> f.caCertificates =
                                pe.caPem() + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
                        "caCertificates",
                        "contains a private key"),
                bad("expired CA certificate", f -> f.caCertificates = expired, "caCertificates", "CN=Old PE CA"),
                bad(
                        "CA bundle with one expired certificate",
                        f -> f.caCertificates = pe.caPem() + expired,
                        "caCertificates",
                        "CA certificate 'CN=Old PE CA' is expired"),
                bad(
                        "CA certificate not yet valid",
                        f -> f.caCertificates = future,
                        "caCertificates",
                        "CN=Future PE CA"),
                bad("zero connect timeout", f -> f.connectTimeoutSeconds = 0, "connectTimeoutSeconds", "from 1 to 300"),
                bad(
                        "negative connect timeout",
                        f -> f.connectTimeoutSeconds = -5,
                        "connectTimeoutSeconds",
                        "from 1 to 300"),
                bad(
                        "absurd connect timeout",
                        f -> f.connectTimeoutSeconds = 86_400,
                        "connectTimeoutSeconds",
                        "from 1 to 300"),
                bad("zero read timeout", f -> f.readTimeoutSeconds = 0, "readTimeoutSeconds", "from 1 to 3600"),
                bad(
                        "zero answer limit",
                        f -> f.maxAnswerMegabytes = 0,
                        "maxAnswerMegabytes",
                        "largest answer to read from PE in megabytes, from 1 to 1024"),
                bad(
                        "absurd answer limit",
                        f -> f.maxAnswerMegabytes = 4096,
                        "maxAnswerMegabytes",
                        "from 1 to 1024 (default 16)"),
                bad(
                        "zero request budget",
                        f -> f.requestsPerSecond = 0,
                        "requestsPerSecond",
                        "requests per second waiting builds may send to this PE installation, from 1 to 1000"),
                bad(
                        "negative request budget",
                        f -> f.requestsPerSecond = -10,
                        "requestsPerSecond",
                        "from 1 to 1000 (default 10)"),
                bad(
                        "absurd request budget",
                        f -> f.requestsPerSecond = 1001,
                        "requestsPerSecond",
                        "from 1 to 1000 (default 10)"),
                bad(
                        "absurd read timeout",
                        f -> f.readTimeoutSeconds = Integer.MAX_VALUE,
                        "readTimeoutSeconds",
                        "from 1 to 3600"),
                bad("server that is not configured", f -> f.server = "staging", "server", "use one of 'production'"),
                bad(
                        "no installation configured",
                        f -> f.noInstallation = true,
                        "server",
                        "add one under Manage Jenkins » System » Puppet Enterprise"),
                bad(
                        "no credential given and no default",
                        f -> f.defaultCredentialsId = null,
                        "credentialsId",
                        "pass credentialsId"),
                bad(
                        "step credential that does not exist",
                        f -> f.stepCredentialsId = "pe-tokn",
                        "credentialsId",
                        "check the ID"),
                bad(
                        "default credential that does not exist",
                        f -> f.credentials.clear(),
                        "credentialsId",
                        "an administrator must create it"),
                bad(
                        "credential of the wrong type",
                        f -> {
                            f.credentials.put("pe-ssh", "BasicSSHUserPrivateKey");
                            f.stepCredentialsId = "pe-ssh";
                        },
                        "credentialsId",
                        "use a Secret text credential"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigurations")
    void badConfigurationIsRefusedWithFieldAndFixBeforeAnyRequest(
            String name, Consumer<Form> change, String field, String fix) {
        Form form = new Form();
        change.accept(form);

        assertRefusedBeforeAnyRequest(
                () -> submitDeploy(
                        form,
                        () -> CodeDeployInput.builder()
                                .environments(List.of("production"))
                                .build()),
                field,
                fix);
    }

    /** The step and builder inputs of {@link BadInputTest}, through the whole path with a usable configuration. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jenkins.plugins.puppetenterprise.core.BadInputTest#badInputs")
    void badStepInputIsRefusedBeforeAnyRequest(String name, Supplier<Object> input, String field, String fix) {
        assertRefusedBeforeAnyRequest(() -> submit(new Form(), input), field, fix);
    }

    @Test
    void goodInputOnTheSamePathReachesPe() throws Exception {
        Submission deploy = submitDeploy(
                new Form(),
                () -> CodeDeployInput.builder()
                        .environments(List.of("production"))
                        .build());
        Submission plan =
                submit(new Form(), () -> PlanRunInput.builder().plan("m").build());

        Submission puppetRun = submit(
                new Form(),
                () -> JobInput.puppetRun().nodes(List.of("node1.example.com")).build());
        assertThat(deploy.isSubmitted()).isTrue();
        assertThat(plan.isSubmitted()).isTrue();
        assertThat(puppetRun.isSubmitted()).isTrue();
        assertThat(pe.journal().size()).isGreaterThanOrEqualTo(2);
    }

    /**
     * Saving (the setter, UI and JCasC alike) refuses only what can never work: a CA that expired or
     * is not valid yet is saved, and refused by the build that would use it.
     */
    @Test
    void savingAcceptsACaCertificateOutsideItsValidityAndTheBuildRefusesIt() {
        String expired = TestCertificates.caPem("Old PE CA", NOW.minusSeconds(7200), NOW.minusSeconds(3600));
        String future = TestCertificates.caPem("Future PE CA", NOW.plusSeconds(3600), NOW.plusSeconds(7200));
        for (String ca : List.of(expired, future, pe.caPem() + expired)) {
            Form form = new Form();
            form.caCertificates = ca;
            InstallationSettings settings = form.settings();

            assertThatCode(() -> InstallationSettings.checkAll(List.of(settings)))
                    .doesNotThrowAnyException();
            assertThat(settings.problems()).isEmpty();
            assertThat(settings.timeProblems(NOW))
                    .singleElement()
                    .satisfies(p -> assertThat(p.field()).isEqualTo("caCertificates"));
            assertThatThrownBy(() -> settings.requireUsableAt(NOW))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("Puppet Enterprise installation '" + settings.name() + "'")
                    .hasMessageContaining("valid from")
                    .hasMessageContaining("ca.pem");
        }
        Form form = new Form();
        form.caCertificates = expired;
        assertThat(form.settings().timeProblems(NOW.minusSeconds(5400)))
                .as("valid then")
                .isEmpty();
        assertThat(InstallationSettings.caValidityProblem(InstallationSettings.caCertificates(future), NOW))
                .hasValueSatisfying(p -> assertThat(p.message()).contains("is not valid yet"));
        assertThat(pe.journal().entries()).isEmpty();
    }

    @Test
    void savingStillRefusesWhatCanNeverWork() {
        Form form = new Form();
        form.caCertificates = pe.caPem() + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
        assertThatThrownBy(() -> InstallationSettings.checkAll(List.of(form.settings())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("caCertificates");
        Form url = new Form();
        url.rbacUrl = "ftp://pe.example.com:4433";
        assertThatThrownBy(() -> InstallationSettings.checkAll(List.of(url.settings())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("rbacUrl");
    }

    @Test
    void atLeastFortyBadInputsAcrossStepsBuildersAndConfiguration() {
        assertThat(badConfigurations().count()).isGreaterThanOrEqualTo(30);
        assertThat(badConfigurations().count() + BadInputTest.badInputs().count())
                .isGreaterThanOrEqualTo(40);
    }

    private static void assertRefusedBeforeAnyRequest(Callable attempt, String field, String fix) {
        assertThatThrownBy(attempt::call).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.problems()).anySatisfy(p -> {
                assertThat(p.field()).isEqualTo(field);
                assertThat(p.message()).contains(fix);
            });
            assertThat(e.getMessage()).startsWith(e.problems().get(0).field() + ": ");
            for (String secret : List.of(TOKEN, PASSWORD, BadInputTest.CANARY)) {
                assertThat(e.getMessage()).doesNotContain(secret);
                assertThat(e.toString()).doesNotContain(secret);
                assertThat(e.getCause()).isNull();
            }
        });
        assertThat(pe.journal().entries()).as("requests that reached PE").isEmpty();
    }

    @FunctionalInterface
    private interface Callable {
        Object call() throws Exception;
    }

    private static Submission submitDeploy(Form form, Supplier<CodeDeployInput> input) throws Exception {
        return submit(form, input::get);
    }

    /** What a front end does, in its order: configuration, installation, credential, input, submit. */
    private static Submission submit(Form form, Supplier<?> input) throws Exception {
        List<InstallationSettings> installations = form.installations();
        InstallationSettings.checkAll(installations);
        InstallationSettings chosen =
                InstallationChoice.installation(installations, InstallationSettings::name, form.server);
        chosen.requireUsableAt(NOW);
        String id = InstallationChoice.credentialsId(form.stepCredentialsId, chosen.name(), chosen.credentialsId());
        String type = form.credentials.get(id);
        if (type == null) {
            throw InstallationChoice.credentialNotFound(id, form.stepCredentialsId == null, chosen.name());
        }
        if (!type.equals("StringCredentialsImpl")) {
            throw InstallationChoice.wrongCredentialType(id, type);
        }
        Object validated = input.get();
        try (PeClient client = PeClient.builder(chosen.serviceUrls(), PeCaBundle.fromPem(chosen.caCertificates()))
                .connectTimeout(Duration.ofSeconds(chosen.connectTimeoutSeconds()))
                .requestTimeout(Duration.ofSeconds(chosen.readTimeoutSeconds()))
                .maxAnswerBytes(chosen.maxAnswerBytes())
                .requestsPerSecond(chosen.requestsPerSecond())
                .build()) {
            PeSession session = client.session(PeCredentials.token(pe.issueToken("deployer")));
            WatchSink sink = line -> {};
            if (validated instanceof JobInput job) {
                return core.submitJob(session, client.urls(), chosen.name(), job, "test", sink)
                        .get(20, TimeUnit.SECONDS);
            }
            return (validated instanceof CodeDeployInput deploy
                            ? core.submitDeploy(session, chosen.name(), deploy, sink)
                            : core.submitPlanRun(
                                    session, client.urls(), chosen.name(), (PlanRunInput) validated, "test", sink))
                    .get(20, TimeUnit.SECONDS);
        }
    }

    private static Arguments bad(String name, Consumer<Form> change, String field, String fix) {
        return Arguments.of(name, change, field, fix);
    }
}
