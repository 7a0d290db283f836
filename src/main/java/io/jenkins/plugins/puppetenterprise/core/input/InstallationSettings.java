package io.jenkins.plugins.puppetenterprise.core.input;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of one PE installation as an administrator enters them (configuration form or
 * JCasC), checked without Jenkins and without any network call, so the global configuration
 * refuses what could never work with the field named and the fix in words. Holds no secret: the
 * credential is an ID.
 *
 * @param name what steps choose the installation by ({@code server})
 * @param primaryHost the primary server's host name, or null when every service URL is given
 * @param rbacUrl RBAC base URL override, or null
 * @param codeManagerUrl Code Manager base URL override, or null
 * @param orchestratorUrl Orchestrator base URL override, or null
 * @param consoleUrl console base URL override, or null
 * @param caCertificates PEM text of the PE CA bundle
 * @param credentialsId ID of the default credential, or null
 * @param connectTimeoutSeconds how long to wait for a connection
 * @param readTimeoutSeconds how long one request may wait for its answer
 * @param puppetDbUrl PuppetDB base URL override, or null for the primary host on port 8081
 * @param maxAnswerMegabytes the most of one PE answer the client reads, in MB (1024 * 1024 bytes)
 * @param requestsPerSecond how many requests per second the waiting of all builds may send to this
 *     installation (sweeps and log polls; final reads of work that just ended come on top)
 */
public record InstallationSettings(
        String name,
        String primaryHost,
        String rbacUrl,
        String codeManagerUrl,
        String orchestratorUrl,
        String consoleUrl,
        String caCertificates,
        String credentialsId,
        int connectTimeoutSeconds,
        int readTimeoutSeconds,
        String puppetDbUrl,
        int maxAnswerMegabytes,
        int requestsPerSecond) {
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
    /** 16 MB: more than any normal PE answer, and what one answer may cost the controller's heap. */
    public static final int DEFAULT_MAX_ANSWER_MEGABYTES = 16;

    public static final int MAX_MAX_ANSWER_MEGABYTES = 1024;
    public static final int DEFAULT_REQUESTS_PER_SECOND = PeClient.DEFAULT_REQUESTS_PER_SECOND;
    /**
     * A watch polls its log at most every 5 s, so 1,000 requests per second already keep 5,000
     * waiting builds' logs at that pace; beyond it the number is more likely a typo than a plan, and
     * would take away the protection of PE the budget is for (after an outage a second may carry up
     * to twice the budget).
     */
    public static final int MAX_REQUESTS_PER_SECOND = 1000;

    public static final int DEFAULT_READ_TIMEOUT_SECONDS = 60;
    public static final int MAX_CONNECT_TIMEOUT_SECONDS = 300;
    public static final int MAX_READ_TIMEOUT_SECONDS = 3600;

    private static final String PLACEHOLDER_HOST = "pe.example.com";
    private static final String CA_SOURCE =
            "paste the CA bundle PE uses now, /etc/puppetlabs/puppet/ssl/certs/ca.pem on the primary server";

    /** Settings without a PuppetDB URL override (PuppetDB on the primary host, port 8081). */
    public InstallationSettings(
            String name,
            String primaryHost,
            String rbacUrl,
            String codeManagerUrl,
            String orchestratorUrl,
            String consoleUrl,
            String caCertificates,
            String credentialsId,
            int connectTimeoutSeconds,
            int readTimeoutSeconds) {
        this(
                name,
                primaryHost,
                rbacUrl,
                codeManagerUrl,
                orchestratorUrl,
                consoleUrl,
                caCertificates,
                credentialsId,
                connectTimeoutSeconds,
                readTimeoutSeconds,
                null);
    }

    /**
     * Settings with the default answer limit ({@value #DEFAULT_MAX_ANSWER_MEGABYTES} MB) and request
     * budget ({@value #DEFAULT_REQUESTS_PER_SECOND} per second).
     */
    public InstallationSettings(
            String name,
            String primaryHost,
            String rbacUrl,
            String codeManagerUrl,
            String orchestratorUrl,
            String consoleUrl,
            String caCertificates,
            String credentialsId,
            int connectTimeoutSeconds,
            int readTimeoutSeconds,
            String puppetDbUrl) {
        this(
                name,
                primaryHost,
                rbacUrl,
                codeManagerUrl,
                orchestratorUrl,
                consoleUrl,
                caCertificates,
                credentialsId,
                connectTimeoutSeconds,
                readTimeoutSeconds,
                puppetDbUrl,
                DEFAULT_MAX_ANSWER_MEGABYTES,
                DEFAULT_REQUESTS_PER_SECOND);
    }

    /** The answer limit in bytes, as the client takes it. */
    public long maxAnswerBytes() {
        return maxAnswerMegabytes * 1024L * 1024L;
    }

    /**
     * The service URLs.
     *
     * @throws IllegalArgumentException naming the setting that is wrong and how to fix it
     */
    public PeServiceUrls serviceUrls() {
        return PeServiceUrls.of(primaryHost, rbacUrl, codeManagerUrl, orchestratorUrl, consoleUrl, puppetDbUrl);
    }

    /**
     * Every problem of these settings that can never go away by itself, each naming its field as the
     * form does; empty when the settings can be saved. What changes with time (a CA certificate that
     * expired or is not valid yet) is {@link #timeProblems}: refusing it here would stop Jenkins from
     * booting under Configuration as Code and block saving the whole System page.
     */
    public List<InputProblem> problems() {
        List<InputProblem> problems = new ArrayList<>();
        if (isBlank(name)) {
            problems.add(new InputProblem(
                    "name",
                    "the installation has no name: give each installation a name, for example 'production';"
                            + " steps choose an installation by this name (server: 'production')"));
        }
        urlProblem("rbacUrl", rbacUrl, null, null, null).ifPresent(problems::add);
        urlProblem("codeManagerUrl", null, codeManagerUrl, null, null).ifPresent(problems::add);
        urlProblem("orchestratorUrl", null, null, orchestratorUrl, null).ifPresent(problems::add);
        urlProblem("consoleUrl", null, null, null, consoleUrl).ifPresent(problems::add);
        urlProblem("puppetDbUrl", puppetDbUrl).ifPresent(problems::add);
        if (problems.stream().noneMatch(p -> p.field().endsWith("Url"))) {
            try {
                serviceUrls();
            } catch (IllegalArgumentException e) {
                problems.add(new InputProblem("primaryHost", e.getMessage()));
            }
        }
        try {
            caCertificates(caCertificates);
        } catch (IllegalArgumentException e) {
            problems.add(new InputProblem("caCertificates", e.getMessage()));
        }
        timeoutProblem("connectTimeoutSeconds", connectTimeoutSeconds, MAX_CONNECT_TIMEOUT_SECONDS)
                .ifPresent(problems::add);
        timeoutProblem("readTimeoutSeconds", readTimeoutSeconds, MAX_READ_TIMEOUT_SECONDS)
                .ifPresent(problems::add);
        answerLimitProblem(maxAnswerMegabytes).ifPresent(problems::add);
        requestBudgetProblem(requestsPerSecond).ifPresent(problems::add);
        return problems;
    }

    /**
     * Checks a whole configuration, as saving it does: every installation, and that no two share a
     * name (steps could not tell them apart).
     *
     * @throws InvalidInputException listing every problem, each message naming its installation
     */
    public static void checkAll(List<InstallationSettings> installations) {
        List<InputProblem> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (InstallationSettings installation : installations) {
            String label = installation.label();
            for (InputProblem p : installation.problems()) {
                problems.add(new InputProblem(p.field(), label + p.message()));
            }
            if (!isBlank(installation.name()) && !names.add(installation.name().trim())) {
                problems.add(new InputProblem(
                        "name",
                        "two Puppet Enterprise installations are named '"
                                + installation.name().trim() + "': give each installation its own name"));
            }
        }
        InvalidInputException.throwIfAny(problems);
    }

    /** Problems of these settings at {@code now} that time may bring or clear: an invalid CA certificate. */
    public List<InputProblem> timeProblems(Instant now) {
        List<InputProblem> problems = new ArrayList<>();
        try {
            caValidityProblem(caCertificates(caCertificates), now).ifPresent(problems::add);
        } catch (IllegalArgumentException e) {
            // a bundle that cannot be read is a problem of its own (problems())
        }
        return problems;
    }

    /**
     * What a build checks before its first request: the settings can be used at {@code now}.
     *
     * @throws InvalidInputException naming the installation, the setting and the fix
     */
    public void requireUsableAt(Instant now) {
        List<InputProblem> problems = new ArrayList<>();
        for (InputProblem p : timeProblems(now)) {
            problems.add(new InputProblem(p.field(), label() + p.message()));
        }
        InvalidInputException.throwIfAny(problems);
    }

    /**
     * The certificates of a CA bundle that the client can use, whatever their validity dates.
     *
     * @throws IllegalArgumentException saying what is wrong with the text and how to fix it
     */
    public static List<X509Certificate> caCertificates(String pem) {
        return PeCaBundle.fromPem(pem).certificates();
    }

    /** The first certificate of a bundle that is not valid at {@code now}, in words with its dates. */
    public static Optional<InputProblem> caValidityProblem(List<X509Certificate> certificates, Instant now) {
        for (X509Certificate certificate : certificates) {
            try {
                certificate.checkValidity(Date.from(now));
            } catch (CertificateException e) {
                String when = now.isBefore(certificate.getNotBefore().toInstant()) ? "not valid yet" : "expired";
                return Optional.of(new InputProblem(
                        "caCertificates",
                        "CA certificate '"
                                + certificate.getSubjectX500Principal().getName() + "' is " + when
                                + " (valid from " + certificate.getNotBefore().toInstant() + " to "
                                + certificate.getNotAfter().toInstant() + "), so PE's certificates cannot be"
                                + " verified: " + CA_SOURCE));
            }
        }
        return Optional.empty();
    }

    private String label() {
        return "Puppet Enterprise installation '" + (name == null ? "" : name) + "': ";
    }

    /** A problem when {@code seconds} is outside 1 to {@code max}. */
    public static Optional<InputProblem> timeoutProblem(String field, int seconds, int max) {
        if (seconds >= 1 && seconds <= max) {
            return Optional.empty();
        }
        return Optional.of(
                new InputProblem(field, seconds + " is out of range: enter a number of seconds from 1 to " + max));
    }

    /** A problem when the answer limit is outside 1 to {@value #MAX_MAX_ANSWER_MEGABYTES} MB. */
    public static Optional<InputProblem> answerLimitProblem(int megabytes) {
        if (megabytes >= 1 && megabytes <= MAX_MAX_ANSWER_MEGABYTES) {
            return Optional.empty();
        }
        return Optional.of(new InputProblem(
                "maxAnswerMegabytes",
                megabytes + " is out of range: enter the largest answer to read from PE in megabytes, from 1 to "
                        + MAX_MAX_ANSWER_MEGABYTES + " (default " + DEFAULT_MAX_ANSWER_MEGABYTES + ")"));
    }

    /** A problem when the request budget is outside 1 to {@value #MAX_REQUESTS_PER_SECOND} per second. */
    public static Optional<InputProblem> requestBudgetProblem(int perSecond) {
        if (perSecond >= 1 && perSecond <= MAX_REQUESTS_PER_SECOND) {
            return Optional.empty();
        }
        return Optional.of(new InputProblem(
                "requestsPerSecond",
                perSecond + " is out of range: enter how many requests per second waiting builds may send to this"
                        + " PE installation, from 1 to " + MAX_REQUESTS_PER_SECOND + " (default "
                        + DEFAULT_REQUESTS_PER_SECOND + ")"));
    }

    /** A problem of one service URL override, checked on its own. */
    private static Optional<InputProblem> urlProblem(
            String field, String rbac, String codeManager, String orchestrator, String console) {
        try {
            PeServiceUrls.of(PLACEHOLDER_HOST, rbac, codeManager, orchestrator, console);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(new InputProblem(field, e.getMessage()));
        }
    }

    private static Optional<InputProblem> urlProblem(String field, String puppetDb) {
        try {
            PeServiceUrls.of(PLACEHOLDER_HOST, null, null, null, null, puppetDb);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(new InputProblem(field, e.getMessage()));
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
