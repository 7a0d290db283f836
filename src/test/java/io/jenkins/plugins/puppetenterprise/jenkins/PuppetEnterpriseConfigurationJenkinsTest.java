package io.jenkins.plugins.puppetenterprise.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.domains.HostnameSpecification;
import hudson.ProxyConfiguration;
import hudson.model.Item;
import hudson.util.Secret;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.SecretSource;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.core.TestCertificates;
import io.jenkins.plugins.puppetenterprise.core.input.InstallationSettings;
import io.jenkins.plugins.puppetenterprise.jenkins.deploy.CodeDeployBuilder;
import io.jenkins.plugins.puppetenterprise.jenkins.deploy.CodeDeployStep;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanRunBuilder;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanRunStep;
import io.jenkins.plugins.puppetenterprise.jenkins.query.PuppetDbQueryStep;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.kohsuke.stapler.StaplerRequest2;

/** Global configuration: JCasC from docs/, the UI round trip, and who may call which web method. */
@WithJenkins
class PuppetEnterpriseConfigurationJenkinsTest {
    private static final String CA = TestCertificates.validCaPem("PE Test CA");
    private static final String TOKEN = "canary-token-8d1c0e";

    @Test
    void aChangedJenkinsProxyMakesANewSharedClient(JenkinsRule r) throws Exception {
        PeInstallation installation = new PeInstallation("production", "pe.example.com");
        installation.setCaCertificates(CA);
        r.jenkins.setProxy(new ProxyConfiguration("proxy.example.com", 3128));

        SharedClients.Lease<?> first = InstallationClients.lease(installation);
        SharedClients.Lease<?> again = InstallationClients.lease(installation);
        assertThat(again.client()).as("same settings, same proxy").isSameAs(first.client());

        r.jenkins.setProxy(new ProxyConfiguration("proxy.example.com", 3128, "jenkins", "proxy-pw-1"));
        SharedClients.Lease<?> withCredentials = InstallationClients.lease(installation);
        r.jenkins.setProxy(new ProxyConfiguration("proxy.example.com", 3128, "jenkins", "proxy-pw-2"));
        SharedClients.Lease<?> newPassword = InstallationClients.lease(installation);
        r.jenkins.setProxy(null);
        SharedClients.Lease<?> direct = InstallationClients.lease(installation);

        assertThat(List.of(withCredentials.client(), newPassword.client(), direct.client()))
                .doesNotContain(first.client())
                .doesNotHaveDuplicates();
        for (SharedClients.Lease<?> lease : List.of(first, again, withCredentials, newPassword, direct)) {
            lease.release();
        }
    }

    @Test
    void aChangedRequestBudgetMakesANewSharedClientThatCarriesIt(JenkinsRule r) throws Exception {
        PeInstallation installation = new PeInstallation("production", "pe.example.com");
        installation.setCaCertificates(CA);

        SharedClients.Lease<PeClient> first = InstallationClients.lease(installation);
        installation.setRequestsPerSecond(40);
        SharedClients.Lease<PeClient> raised = InstallationClients.lease(installation);

        assertThat(first.client().requestsPerSecond()).isEqualTo(InstallationSettings.DEFAULT_REQUESTS_PER_SECOND);
        assertThat(raised.client())
                .as("builds that start after the change get the new budget")
                .isNotSameAs(first.client());
        assertThat(raised.client().requestsPerSecond()).isEqualTo(40);
        first.release();
        raised.release();
    }

    @Test
    void jcascExampleLoadsAndExports(JenkinsRule r) throws Exception {
        ConfigurationAsCode.get()
                .configure(GlueSources.projectRoot()
                        .resolve("docs/jcasc-example.yaml")
                        .toUri()
                        .toString());

        List<PeInstallation> installations = PuppetEnterpriseConfiguration.get().getInstallations();
        assertThat(installations).extracting(PeInstallation::getName).containsExactly("production", "lab");
        assertThat(PuppetEnterpriseConfiguration.get()
                        .installation(null)
                        .orElseThrow()
                        .getName())
                .isEqualTo("production");
        assertThat(installations.get(1).serviceUrls().orchestrator().toString())
                .isEqualTo("https://orchestrator.lab.example.com:8143");
        assertThat(installations.get(1).serviceUrls().puppetDb().toString())
                .isEqualTo("https://puppetdb.lab.example.com:8081");
        assertThat(installations.get(0).getAllowedFolders()).containsExactly("deploys", "team-a/releases");
        assertThat(installations.get(1).getAllowedFolders()).isEmpty();
        assertThat(installations.get(0).getMaxAnswerMegabytes()).isEqualTo(32);
        assertThat(installations.get(1).getMaxAnswerMegabytes())
                .isEqualTo(InstallationSettings.DEFAULT_MAX_ANSWER_MEGABYTES);
        assertThat(installations.get(0).getRequestsPerSecond()).isEqualTo(25);
        assertThat(installations.get(1).getRequestsPerSecond())
                .isEqualTo(InstallationSettings.DEFAULT_REQUESTS_PER_SECOND);

        ByteArrayOutputStream export = new ByteArrayOutputStream();
        ConfigurationAsCode.get().export(export);
        String yaml = export.toString(StandardCharsets.UTF_8);
        assertThat(yaml)
                .contains("puppetEnterprise", "pe.example.com", "pe-deploy-token", "puppetDbUrl", "allowedFolders")
                .contains("requestsPerSecond")
                .contains("team-a/releases");
        assertThat(yaml).doesNotContain(TOKEN);
    }

    @Test
    void anExpiredCaLoadsThroughJcascAndBuildsUsingItFailBeforeAnyRequest(JenkinsRule r) throws Exception {
        Instant now = Instant.now();
        String expired =
                TestCertificates.caPem("Expired PE CA", now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1)));
        Path yaml = Files.createTempFile("pe-expired-ca", ".yaml");
        StringBuilder pem = new StringBuilder();
        expired.lines().forEach(line -> pem.append("          ").append(line).append('\n'));
        Files.writeString(
                yaml,
                "unclassified:\n  puppetEnterprise:\n    installations:\n      - name: production\n"
                        + "        primaryHost: pe.invalid\n        caCertificates: |\n" + pem);

        // Jenkins must boot with it: time may fix the CA (a clock), refusing it would block everything
        ConfigurationAsCode.get().configure(yaml.toUri().toString());

        PeInstallation installation =
                PuppetEnterpriseConfiguration.get().installation("production").orElseThrow();
        assertThat(installation.getCaCertificates()).contains("BEGIN CERTIFICATE");
        WorkflowJob job = r.createProject(WorkflowJob.class, "deploy");
        job.setDefinition(new org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition(
                "puppetCodeDeploy environments: ['production'], credentialsId: 'none-needed'", true));
        var b = r.buildAndAssertStatus(hudson.model.Result.FAILURE, job);
        r.assertLogContains("expired", b);
        r.assertLogNotContains("UnknownHostException", b);
    }

    @Test
    void eachInstallationOnTheSystemPageHasADeleteButton(JenkinsRule r) throws Exception {
        PeInstallation production = new PeInstallation("production", "pe.example.com");
        production.setCaCertificates(CA);
        PuppetEnterpriseConfiguration.get().setInstallations(List.of(production));
        int withOne = deleteButtons(r);
        PeInstallation lab = new PeInstallation("lab", "pe-lab.example.com");
        lab.setCaCertificates(CA);
        PuppetEnterpriseConfiguration.get().setInstallations(List.of(production, lab));

        assertThat(deleteButtons(r)).isEqualTo(withOne + 1);
    }

    private static int deleteButtons(JenkinsRule r) throws Exception {
        return r.createWebClient()
                .goTo("manage/configure")
                .getByXPath("//button[contains(@class, 'repeatable-delete')]")
                .size();
    }

    @Test
    void formRoundTripKeepsEveryField(JenkinsRule r) throws Exception {
        PeInstallation installation = new PeInstallation("production", "pe.example.com");
        installation.setCaCertificates(CA);
        installation.setCredentialsId("pe-deploy-token");
        installation.setConsoleUrl("https://console.example.com");
        installation.setPuppetDbUrl("https://puppetdb.example.com:8081");
        installation.setReadTimeoutSeconds(90);
        installation.setMaxAnswerMegabytes(32);
        installation.setRequestsPerSecond(25);
        PuppetEnterpriseConfiguration.get().setInstallations(List.of(installation));

        r.configRoundtrip();

        List<PeInstallation> after = PuppetEnterpriseConfiguration.get().getInstallations();
        assertThat(after).hasSize(1);
        r.assertEqualDataBoundBeans(installation, after.get(0));
        assertThat(after.get(0).getRequestsPerSecond()).isEqualTo(25);
    }

    @Test
    void deletingTheLastInstallationInTheFormRemovesIt(JenkinsRule r) throws Exception {
        PeInstallation production = new PeInstallation("production", "pe.example.com");
        production.setCaCertificates(CA);
        PuppetEnterpriseConfiguration.get().setInstallations(List.of(production));

        // what the form sends once its last installation is deleted: no "installations" at all
        PuppetEnterpriseConfiguration.get().configure((StaplerRequest2) null, new JSONObject());

        assertThat(PuppetEnterpriseConfiguration.get().getInstallations()).isEmpty();
    }

    @Test
    void stepCredentialDropdownsListOnlyWhatABuildCanResolveForTheChosenServer(JenkinsRule r) throws Exception {
        CredentialsStore store =
                CredentialsProvider.lookupStores(r.jenkins).iterator().next();
        store.addCredentials(Domain.global(), token(CredentialsScope.GLOBAL, "global-token"));
        store.addCredentials(Domain.global(), token(CredentialsScope.SYSTEM, "system-token"));
        store.addDomain(
                new Domain("pe", "PE hosts", List.of(new HostnameSpecification("pe.example.com", null))),
                token(CredentialsScope.GLOBAL, "pe-domain-token"));
        store.addDomain(
                new Domain("other", "Other hosts", List.of(new HostnameSpecification("other.example.com", null))),
                token(CredentialsScope.GLOBAL, "other-domain-token"));
        PeInstallation production = new PeInstallation("production", "pe.example.com");
        production.setCaCertificates(CA);
        PuppetEnterpriseConfiguration.get().setInstallations(List.of(production));
        WorkflowJob job = r.createProject(WorkflowJob.class, "deploy");
        JenkinsRule.WebClient admin = r.createWebClient();

        for (Class<?> step : List.of(
                CodeDeployStep.class,
                PlanRunStep.class,
                CodeDeployBuilder.class,
                PlanRunBuilder.class,
                PuppetDbQueryStep.class)) {
            String items = post(
                            r,
                            admin,
                            job.getUrl() + "descriptorByName/" + step.getName()
                                    + "/fillCredentialsIdItems?server=production")
                    .getWebResponse()
                    .getContentAsString();
            assertThat(items)
                    .as(step.getSimpleName() + ": a build resolves GLOBAL credentials whose domain covers PE's URLs")
                    .contains("global-token", "pe-domain-token")
                    .as(step.getSimpleName() + ": SYSTEM scope and other hosts' domains are out of a build's reach")
                    .doesNotContain("system-token", "other-domain-token");
        }
        // a step's check looks as its build will: in the chosen installation's domains
        String planStep = job.getUrl() + "descriptorByName/" + PlanRunStep.class.getName() + "/checkCredentialsId";
        assertThat(post(r, admin, planStep + "?value=other-domain-token&server=production")
                        .getWebResponse()
                        .getContentAsString())
                .contains("is in a credentials domain that does not cover every service URL of this installation");
        assertThat(post(r, admin, planStep + "?value=pe-domain-token&server=production")
                        .getWebResponse()
                        .getContentAsString())
                .doesNotContain("credentials domain")
                .doesNotContain("No credential");
        // the installation's own credential: Jenkins' context (SYSTEM scope too), domains of the form's URLs
        String installation = "descriptorByName/" + PeInstallation.class.getName() + "/";
        assertThat(post(r, admin, installation + "fillCredentialsIdItems?primaryHost=pe.example.com")
                        .getWebResponse()
                        .getContentAsString())
                .contains("global-token", "system-token", "pe-domain-token")
                .doesNotContain("other-domain-token");
        assertThat(post(
                                r,
                                admin,
                                installation + "checkCredentialsId?value=other-domain-token&primaryHost=pe.example.com")
                        .getWebResponse()
                        .getContentAsString())
                .contains("is in a credentials domain that does not cover every service URL of this installation");
        String servicesOnly = "&rbacUrl=https://pe.example.com:4433&codeManagerUrl=https://pe.example.com:8170"
                + "&orchestratorUrl=https://pe.example.com:8143&consoleUrl=https://pe.example.com"
                + "&puppetDbUrl=https://pe.example.com:8081";
        assertThat(post(r, admin, installation + "fillCredentialsIdItems?primaryHost=" + servicesOnly)
                        .getWebResponse()
                        .getContentAsString())
                .as("every service URL given instead of a primary host")
                .contains("pe-domain-token")
                .doesNotContain("other-domain-token");
        assertThat(post(r, admin, installation + "checkCredentialsId?value=other-domain-token" + servicesOnly)
                        .getWebResponse()
                        .getContentAsString())
                .contains("is in a credentials domain that does not cover every service URL of this installation");
        assertThat(post(r, admin, installation + "checkCredentialsId?value=pe-domain-token&primaryHost=pe.example.com")
                        .getWebResponse()
                        .getContentAsString())
                .doesNotContain("credentials domain");
        // the Snippet Generator outside any job checks in Jenkins' own context, which holds SYSTEM scope too
        assertThat(post(
                                r,
                                admin,
                                "descriptorByName/" + PlanRunStep.class.getName()
                                        + "/checkCredentialsId?value=system-token")
                        .getWebResponse()
                        .getContentAsString())
                .contains("is System-scoped, for Jenkins itself: builds cannot use it");
    }

    private static StringCredentialsImpl token(CredentialsScope scope, String id) {
        return new StringCredentialsImpl(scope, id, id, Secret.fromString(TOKEN));
    }

    @Test
    void webMethodsRefuseUsersWithoutPermissionAndGet(JenkinsRule r) throws Exception {
        CredentialsProvider.lookupStores(r.jenkins)
                .iterator()
                .next()
                .addCredentials(
                        Domain.global(),
                        new StringCredentialsImpl(
                                CredentialsScope.GLOBAL, "pe-deploy-token", "PE token", Secret.fromString(TOKEN)));
        PeInstallation production = new PeInstallation("production", "pe.example.com");
        production.setCaCertificates(CA);
        PuppetEnterpriseConfiguration.get().setInstallations(List.of(production));
        WorkflowJob job = r.createProject(WorkflowJob.class, "deploy");
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader"));
        JenkinsRule.WebClient reader = r.createWebClient().login("reader");
        reader.setThrowExceptionOnFailingStatusCode(false);

        String installation = "descriptorByName/" + PeInstallation.class.getName() + "/";
        for (String method : List.of(
                "checkName",
                "checkPrimaryHost",
                "checkRbacUrl",
                "checkCodeManagerUrl",
                "checkOrchestratorUrl",
                "checkConsoleUrl",
                "checkPuppetDbUrl",
                "checkCaCertificates",
                "checkAllowedFolders",
                "checkConnectTimeoutSeconds",
                "checkReadTimeoutSeconds",
                "checkMaxAnswerMegabytes",
                "checkRequestsPerSecond",
                "testConnection")) {
            assertThat(post(r, reader, installation + method).getWebResponse().getStatusCode())
                    .as(method)
                    .isEqualTo(403);
        }
        assertThat(post(r, reader, installation + "fillCredentialsIdItems")
                        .getWebResponse()
                        .getContentAsString())
                .doesNotContain("pe-deploy-token");

        for (Class<?> step :
                List.of(CodeDeployStep.class, PlanRunStep.class, CodeDeployBuilder.class, PlanRunBuilder.class)) {
            String base = job.getUrl() + "descriptorByName/" + step.getName() + "/";
            assertThat(post(r, reader, base + "fillCredentialsIdItems")
                            .getWebResponse()
                            .getContentAsString())
                    .as(step.getSimpleName())
                    .doesNotContain("pe-deploy-token");
            assertThat(post(r, reader, base + "fillServerItems")
                            .getWebResponse()
                            .getContentAsString())
                    .doesNotContain("production");
            for (String check :
                    List.of("checkCredentialsId?value=no-such-credential", "checkWaitTimeoutMinutes?value=-1")) {
                assertThat(post(r, reader, base + check).getWebResponse().getContentAsString())
                        .as(step.getSimpleName() + " " + check)
                        .doesNotContain("no-such-credential")
                        .doesNotContain("Enter the wait timeout");
            }
        }

        JenkinsRule.WebClient admin = r.createWebClient().login("admin");
        admin.setThrowExceptionOnFailingStatusCode(false);

        // form checks of steps and build steps: silent without Item.CONFIGURE, they speak to those who have it
        Map<String, String> checks = Map.of(
                "checkWaitTimeoutMinutes?value=0", "wait timeout as a whole number",
                "checkCredentialsId?value=no-such-credential", "no-such-credential");
        Map<Class<?>, Map<String, String>> own = Map.of(
                CodeDeployStep.class, Map.of("checkEnvironments?value=&all=false", "no environment given"),
                CodeDeployBuilder.class, Map.of("checkEnvironments?value=&all=false", "no environment given"),
                PlanRunStep.class, Map.of("checkPlan?value=", "plan&#039;s name"),
                PlanRunBuilder.class, Map.of("checkPlan?value=", "plan&#039;s name"));
        for (Map.Entry<Class<?>, Map<String, String>> step : own.entrySet()) {
            String base = job.getUrl() + "descriptorByName/" + step.getKey().getName() + "/";
            Map<String, String> all = new java.util.HashMap<>(checks);
            all.putAll(step.getValue());
            for (Map.Entry<String, String> check : all.entrySet()) {
                String what = step.getKey().getSimpleName() + " " + check.getKey();
                Page forReader = post(r, reader, base + check.getKey());
                assertThat(forReader.getWebResponse().getStatusCode()).as(what).isEqualTo(200);
                assertThat(forReader.getWebResponse().getContentAsString())
                        .as(what)
                        .doesNotContainIgnoringCase(check.getValue());
                assertThat(post(r, admin, base + check.getKey())
                                .getWebResponse()
                                .getContentAsString())
                        .as(what)
                        .containsIgnoringCase(check.getValue());
                assertThat(admin.goTo(base + check.getKey().replaceAll("\\?.*", ""))
                                .getWebResponse()
                                .getStatusCode())
                        .as("GET " + what)
                        .isEqualTo(404);
            }
        }
        assertThat(admin.goTo(installation + "checkCaCertificates")
                        .getWebResponse()
                        .getStatusCode())
                .as("GET on a @POST web method")
                .isEqualTo(404);
        assertThat(post(r, admin, installation + "fillCredentialsIdItems")
                        .getWebResponse()
                        .getContentAsString())
                .contains("pe-deploy-token");
        String step = job.getUrl() + "descriptorByName/" + CodeDeployStep.class.getName() + "/";
        assertThat(post(r, admin, step + "fillServerItems").getWebResponse().getContentAsString())
                .contains("production");
        assertThat(post(r, admin, step + "checkCredentialsId?value=no-such-credential")
                        .getWebResponse()
                        .getContentAsString())
                .contains("no-such-credential");
        assertThat(post(r, admin, step + "checkWaitTimeoutMinutes?value=-1")
                        .getWebResponse()
                        .getContentAsString())
                .contains("Enter the wait timeout");
    }

    private static Page post(JenkinsRule r, JenkinsRule.WebClient client, String path) throws Exception {
        WebRequest request = new WebRequest(new URL(r.getURL(), path), HttpMethod.POST);
        client.addCrumb(request);
        return client.getPage(request);
    }

    /** The example's ${...} values, as an administrator would supply them. */
    @TestExtension("jcascExampleLoadsAndExports")
    public static final class ExampleSecrets extends SecretSource {
        private static final Map<String, String> VALUES = Map.of(
                "PE_DEPLOY_TOKEN", TOKEN,
                "PE_CA_CERTIFICATES", CA,
                "PE_LAB_CA_CERTIFICATES", CA);

        @Override
        public Optional<String> reveal(String secret) {
            return Optional.ofNullable(VALUES.get(secret));
        }
    }
}
