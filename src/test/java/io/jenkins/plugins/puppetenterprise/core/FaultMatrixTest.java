package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.RetryPolicy;
import io.jenkins.plugins.puppetenterprise.core.deploy.CodeDeployInput;
import io.jenkins.plugins.puppetenterprise.core.job.JobInput;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanRunInput;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.Fault;
import io.jenkins.plugins.puppetenterprise.simulator.JournalEntry;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeService;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.deploy.EnvironmentSpec;
import io.jenkins.plugins.puppetenterprise.simulator.job.JobScript;
import io.jenkins.plugins.puppetenterprise.simulator.job.NodeScript;
import io.jenkins.plugins.puppetenterprise.simulator.job.TaskSpec;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobSnapshot;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import io.jenkins.plugins.puppetenterprise.simulator.plan.ScriptedEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix: the execution core and the client against every fault the simulator can
 * inject, one row per case with its expected outcome (recovered, or failed or unknown with the
 * right words). Every row also proves the three promises that hold whatever happens: never a
 * second plan run or deploy POST (the simulator's journal), never a request or a wait past the
 * deadline (the fake clock), and never the canary token or password in a log line, message,
 * {@code toString()}, result map, serialized reference or the journal.
 */
class FaultMatrixTest {
    private static final String PLAN = "app::deploy";
    private static final String PASSWORD = "canary-password-3e9f";
    /** The value of a plan parameter the plan marks Sensitive. */
    private static final String SENSITIVE = "canary-sensitive-71d4";

    /** A token in the Git remote's URL, as r10k prints it. */
    private static final String GIT_TOKEN = "glpat-canary9f3e";
    /** r10k's output when Code Manager cannot list the control repository's branches (pe-api.md 3.1). */
    private static final String R10K_COLLECT_FAILURE = "ERROR\t -> Unable to determine current branches for Git"
            + " source 'puppet' (/etc/puppetlabs/code-staging/environments)\nOriginal exception:\nAuthentication"
            + " failed for Git remote \"https://jenkins:" + GIT_TOKEN + "@git.example.com/control-repo\".\n";

    private static final String SECRET_PLAN = "app::rotate";
    private static final String TASK = "app::restart";
    private static final List<String> NODES = List.of("web01.example.com", "web02.example.com", "db01.example.com");
    private static final Duration PLAN_RUNS_FOR = Duration.ofSeconds(45);
    private static final Duration DEPLOY_TAKES = Duration.ofSeconds(45);
    /** Real time: the request timeout of the rows about read timeouts, and their faults' delay. */
    private static final Duration SHORT_REQUEST_TIMEOUT = Duration.ofMillis(500);

    private static final Duration TIMED_OUT = Duration.ofMillis(1500);

    private static final RetryPolicy FAST_RETRIES = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40));
    /** Retries that wait 30 to 60 s (real time): long enough for a row to act while one waits. */
    private static final RetryPolicy SLOW_RETRIES = new RetryPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(1));

    /** What the row submits and how. */
    enum Work {
        PLAN,
        PLAN_WITH_PARAMETER,
        /** A plan with a Sensitive parameter whose failure echoes the value. */
        PLAN_WITH_SECRET,
        DEPLOY,
        DEPLOY_ONE_BROKEN,
        /** A deploy of all environments ({@code deploy-all}). */
        DEPLOY_ALL,
        /** Submit a plan, then watch it from a reference saved before the job name was known. */
        RESUME_UNNAMED,
        /** Watch a reference whose marker no plan job carries (the POST never reached PE). */
        RESUME_NEVER_STARTED,
        /** A Puppet run on three nodes. */
        PUPPET_RUN,
        /** A task on three nodes. */
        TASK,
        /** A Puppet run watched from a serialised reference saved before its job name was known. */
        RESUME_UNNAMED_JOB,
        /** A Puppet run (stopped with force) whose wait is aborted once its events are being read. */
        PUPPET_RUN_ABORTED,
        /** A Puppet run whose wait is aborted after the job already ended in PE. */
        PUPPET_RUN_ABORTED_AFTER_END,
        /** A task watched from a serialised reference saved before its job name was known. */
        RESUME_UNNAMED_TASK,
        /** A task (stopped without force) whose wait is aborted once its events are being read. */
        TASK_ABORTED,
        /** A task whose wait is aborted after the job already ended in PE. */
        TASK_ABORTED_AFTER_END,
        /**
         * A plan aborted as PE accepts it, before its watch polled once (the hand-off window): the
         * stop finds the watch just made and cancels it, stopping the plan, as the glue's stop does.
         */
        PLAN_ABORTED_IN_HAND_OFF;

        boolean isJob() {
            return this == PUPPET_RUN
                    || this == TASK
                    || this == RESUME_UNNAMED_JOB
                    || this == PUPPET_RUN_ABORTED
                    || this == PUPPET_RUN_ABORTED_AFTER_END
                    || this == RESUME_UNNAMED_TASK
                    || this == TASK_ABORTED
                    || this == TASK_ABORTED_AFTER_END;
        }

        boolean isAborted() {
            return this == PUPPET_RUN_ABORTED
                    || this == PUPPET_RUN_ABORTED_AFTER_END
                    || this == TASK_ABORTED
                    || this == TASK_ABORTED_AFTER_END
                    || this == PLAN_ABORTED_IN_HAND_OFF;
        }
    }

    enum Credential {
        TOKEN,
        PASSWORD
    }

    /** One row: how the simulator misbehaves before and after the submission, and what must come out. */
    record Row(
            Work work,
            Credential credential,
            Consumer<Fixture> beforeSubmit,
            Consumer<Fixture> beforeWatch,
            Verdict verdict,
            List<String> words,
            Consumer<Fixture> alsoTrue) {}

    /** What a row's steps can reach. */
    static final class Fixture {
        PeSimulator pe;
        FakeClock clock;
        PeServiceUrls urls;
        Duration tokenLifetime = Duration.ofDays(1);
        Duration requestTimeout = Duration.ofSeconds(10);
        Duration waitTimeout;
        RetryPolicy retryPolicy = FAST_RETRIES;
        /** When set, the client's retries wait on this scheduler (which a row can look into), not its own. */
        ScheduledThreadPoolExecutor retryScheduler;
        /** When set, runs once the submission was started, before its answer is awaited. */
        Consumer<Fixture> whileSubmitting;

        WatchReference reference;
        Submission submission;
        PeClient client;
        PeSession session;
        /** The session's end a row started while the work was under way. */
        CompletableFuture<Void> revocation;
        /** When set, the sink throws on every line after recording it. */
        boolean sinkThrows;
        /** The row's outcome, for its last checks. */
        Outcome outcome;

        PlanRunReference planReference() {
            return (PlanRunReference) reference;
        }
    }

    static Stream<Arguments> faults() {
        List<Arguments> rows = new ArrayList<>();
        // --- at submit ---
        rows.add(row(
                "connection refused at plan submit",
                new Row(
                        Work.PLAN,
                        Credential.TOKEN,
                        f -> f.urls = withOrchestrator(f, closedPortUrl()),
                        f -> {},
                        Verdict.FAILURE,
                        List.of("cannot connect to Orchestrator", "Nothing was started on PE"),
                        f -> assertThat(f.pe.planJobs()).isEmpty())));
        rows.add(row(
                "connection refused at deploy submit",
                new Row(
                        Work.DEPLOY,
                        Credential.PASSWORD,
                        f -> f.urls = withCodeManager(f, closedPortUrl()),
                        f -> {},
                        Verdict.FAILURE,
                        List.of("cannot connect to Code Manager", "Nothing was started on PE"),
                        f -> {})));
        for (int status : List.of(500, 503)) {
            rows.add(submitFault(
                    "PE's own " + status + " error at plan submit",
                    Work.PLAN,
                    Fault.status(status),
                    PeEndpoint.PLAN_RUN,
                    Verdict.FAILURE,
                    "HTTP " + status));
        }
        for (int status : List.of(502, 504)) {
            rows.add(submitFault(
                    "gateway " + status + " at plan submit",
                    Work.PLAN,
                    Fault.status(status),
                    PeEndpoint.PLAN_RUN,
                    Verdict.UNKNOWN,
                    "No plan job with this run's marker"));
        }
        for (int status : List.of(500, 502, 503, 504)) {
            rows.add(submitFault(
                    "HTML " + status + " at plan submit",
                    Work.PLAN,
                    Fault.status(status).withHtmlBody(),
                    PeEndpoint.PLAN_RUN,
                    Verdict.UNKNOWN,
                    "HTTP " + status));
            rows.add(submitFault(
                    "HTML " + status + " at deploy submit",
                    Work.DEPLOY,
                    Fault.status(status).withHtmlBody(),
                    PeEndpoint.DEPLOYS,
                    Verdict.UNKNOWN,
                    "Whether PE did deploy"));
        }
        rows.add(submitFault(
                "empty 503 at deploy submit",
                Work.DEPLOY,
                Fault.status(503).withEmptyBody(),
                PeEndpoint.DEPLOYS,
                Verdict.UNKNOWN,
                "HTTP 503"));
        rows.add(row(
                "collect-failed at a deploy-all submit: r10k's cause, without the Git URL's token",
                new Row(
                        Work.DEPLOY_ALL,
                        Credential.PASSWORD,
                        f -> f.pe.failEnvironmentListing(R10K_COLLECT_FAILURE),
                        f -> {},
                        Verdict.FAILURE,
                        List.of(
                                "collect-failed",
                                "with the cause: \"Authentication failed for Git remote"
                                        + " \"https://git.example.com/control-repo\".\""),
                        f -> {
                            Map<String, Object> result = f.submission.outcome().result();
                            assertThat(result.get("error"))
                                    .isEqualTo(Map.of(
                                            "kind",
                                            "puppetlabs.code-manager/collect-failed",
                                            "message",
                                            "Authentication failed for Git remote"
                                                    + " \"https://git.example.com/control-repo\"."));
                            assertThat(String.valueOf(result)).doesNotContain(GIT_TOKEN);
                            assertThat(f.pe.journal().count(PeEndpoint.DEPLOYS)).isEqualTo(1);
                        })));
        // --- a one-shot POST answered 200 with RBAC's token error object: reported once, no new login ---
        for (Work work : List.of(Work.DEPLOY, Work.PLAN, Work.PUPPET_RUN, Work.TASK)) {
            PeEndpoint endpoint =
                    switch (work) {
                        case DEPLOY -> PeEndpoint.DEPLOYS;
                        case PUPPET_RUN -> PeEndpoint.DEPLOY_COMMAND;
                        case TASK -> PeEndpoint.TASK_COMMAND;
                        default -> PeEndpoint.PLAN_RUN;
                    };
            rows.add(row(
                    "200 with a token error object at " + work.name().toLowerCase(java.util.Locale.ROOT) + " submit",
                    new Row(
                            work,
                            Credential.PASSWORD,
                            f -> f.pe.faults().forNextRequests(1, Fault.okWithTokenError(), endpoint),
                            f -> {},
                            Verdict.FAILURE,
                            List.of("The RBAC token has expired.", "puppetlabs.rbac/token-expired, HTTP 200"),
                            f -> {
                                assertThat(f.pe.journal().count(PeEndpoint.LOGIN))
                                        .as("logins")
                                        .isEqualTo(1);
                                assertThat(f.pe.journal().count(endpoint))
                                        .as("POSTs")
                                        .isEqualTo(1);
                            })));
        }
        // --- resets and read timeouts around the plan_run POST ---
        rows.add(submitFault(
                "reset before the plan_run body is read",
                Work.PLAN,
                Fault.dropConnectionBeforeBody(),
                PeEndpoint.PLAN_RUN,
                Verdict.UNKNOWN,
                "No plan job with this run's marker"));
        rows.add(row(
                "reset after PE started the plan (answer lost)",
                new Row(
                        Work.PLAN,
                        Credential.PASSWORD,
                        f -> f.pe.faults().forNextRequests(1, Fault.dropConnectionAfterBody(), PeEndpoint.PLAN_RUN),
                        f -> {},
                        Verdict.SUCCESS,
                        List.of("succeeded"),
                        f -> assertThat(f.pe.planJobs()).hasSize(1))));
        rows.add(row(
                "read timeout before the plan_run POST (plan metadata)",
                new Row(
                        Work.PLAN_WITH_PARAMETER,
                        Credential.TOKEN,
                        f -> {
                            f.requestTimeout = SHORT_REQUEST_TIMEOUT;
                            f.pe.faults().forNextRequests(1, Fault.delay(TIMED_OUT), PeEndpoint.PLAN);
                        },
                        f -> {},
                        Verdict.SUCCESS,
                        List.of("succeeded"),
                        f -> assertThat(f.pe.journal().count(PeEndpoint.PLAN)).isGreaterThanOrEqualTo(1))));
        rows.add(submitFault(
                "read timeout after the plan_run POST was sent",
                Work.PLAN,
                Fault.delay(TIMED_OUT),
                PeEndpoint.PLAN_RUN,
                Verdict.UNKNOWN,
                "no answer within"));
        rows.add(row(
                "reset after PE minted the login token (answer lost)",
                new Row(
                        Work.PLAN,
                        Credential.PASSWORD,
                        f -> f.pe.faults().forNextRequests(1, Fault.dropConnectionAfterBody(), PeEndpoint.LOGIN),
                        f -> {},
                        Verdict.SUCCESS,
                        List.of("succeeded"),
                        f -> assertThat(f.pe.journal().count(PeEndpoint.LOGIN)).isGreaterThanOrEqualTo(2))));
        rows.add(submitFault(
                "reset after the deploy POST was sent",
                Work.DEPLOY,
                Fault.dropConnectionAfterBody(),
                PeEndpoint.DEPLOYS,
                Verdict.UNKNOWN,
                "GET /code-manager/v1/deploys/status"));
        // --- malformed and empty JSON ---
        rows.add(row(
                "malformed JSON answer to plan_run",
                new Row(
                        Work.PLAN,
                        Credential.TOKEN,
                        f -> f.pe.faults().forNextRequests(1, Fault.malformedJson(), PeEndpoint.PLAN_RUN),
                        f -> {},
                        Verdict.SUCCESS,
                        List.of("succeeded"),
                        f -> assertThat(f.pe.planJobs()).hasSize(1))));
        rows.add(row(
                "empty answer to plan_run",
                new Row(
                        Work.PLAN,
                        Credential.PASSWORD,
                        f -> f.pe.faults().forNextRequests(1, Fault.emptyBody(), PeEndpoint.PLAN_RUN),
                        f -> {},
                        Verdict.SUCCESS,
                        List.of("succeeded"),
                        f -> assertThat(f.pe.planJobs()).hasSize(1))));
        rows.add(submitFault(
                "malformed JSON answer to the deploy POST",
                Work.DEPLOY,
                Fault.malformedJson(),
                PeEndpoint.DEPLOYS,
                Verdict.UNKNOWN,
                "could not be read"));
        rows.add(submitFault(
                "empty answer to the deploy POST",
                Work.DEPLOY,
                Fault.emptyBody(),
                PeEndpoint.DEPLOYS,
                Verdict.UNKNOWN,
                "could not be read"));
        // --- on polls: recovered ---
        for (Fault fault : List.of(
                Fault.status(500),
                Fault.status(502),
                Fault.status(503),
                Fault.status(504),
                Fault.status(500).withHtmlBody(),
                Fault.status(502).withHtmlBody(),
                Fault.status(503).withEmptyBody(),
                Fault.status(504).withHtmlBody(),
                Fault.dropConnectionBeforeBody(),
                Fault.dropConnectionAfterBody(),
                Fault.delay(TIMED_OUT),
                Fault.malformedJson(),
                Fault.emptyBody())) {
            rows.add(pollFault(Work.PLAN, fault, PeEndpoint.PLAN_JOB));
        }
        rows.add(pollFault(Work.PLAN, Fault.status(503).withHtmlBody(), PeEndpoint.PLAN_JOB_EVENTS));
        rows.add(pollFault(Work.PLAN, Fault.malformedJson(), PeEndpoint.PLAN_JOB_EVENTS));
        rows.add(pollFault(Work.PLAN, Fault.emptyBody(), PeEndpoint.PLAN_JOB_EVENTS));
        rows.add(pollFault(Work.DEPLOY, Fault.status(502).withHtmlBody(), PeEndpoint.DEPLOYS_STATUS));
        rows.add(pollFault(Work.DEPLOY, Fault.status(500), PeEndpoint.DEPLOYS_STATUS));
        rows.add(pollFault(Work.DEPLOY, Fault.dropConnectionBeforeBody(), PeEndpoint.DEPLOYS_STATUS));
        rows.add(pollFault(Work.DEPLOY, Fault.malformedJson(), PeEndpoint.DEPLOYS_STATUS));
        rows.add(pollFault(Work.DEPLOY, Fault.emptyBody(), PeEndpoint.DEPLOYS_STATUS));
        rows.add(row(
                "deploy status answers ignore the id filter (the whole status object)",
                new Row(
                        Work.DEPLOY,
                        Credential.PASSWORD,
                        f -> {},
                        f -> f.pe.deployStatusIgnoresIdFilter(true),
                        Verdict.SUCCESS,
                        List.of("Deployed production"),
                        f -> {
                            assertThat(String.valueOf(f.submission.reference())).contains("production");
                            assertThat(f.pe.journal().entries(PeEndpoint.DEPLOYS_STATUS))
                                    .isNotEmpty()
                                    .allSatisfy(e -> assertThat(e.query()).startsWith("id="));
                        })));
        // --- answers whose body stalls after the headers: the attempt's own deadline ends them ---
        rows.add(row(
                "body of the plan_run answer stalls (PE started the plan)",
                new Row(
                        Work.PLAN,
                        Credential.PASSWORD,
                        f -> {
                            f.requestTimeout = SHORT_REQUEST_TIMEOUT;
                            f.pe.faults().forNextRequests(1, Fault.stalledBody(), PeEndpoint.PLAN_RUN);
                        },
                        f -> {},
                        Verdict.SUCCESS,
                        List.of("succeeded"),
                        f -> {
                            assertThat(f.pe.planJobs()).hasSize(1);
                            assertThat(f.pe.journal().count(PeEndpoint.PLAN_JOBS))
                                    .as("found by its marker")
                                    .isEqualTo(1);
                            everyMintedTokenRevoked(f);
                        })));
        rows.add(row(
                "body of a plan poll answer stalls",
                new Row(
                        Work.PLAN,
                        Credential.PASSWORD,
                        f -> f.requestTimeout = SHORT_REQUEST_TIMEOUT,
                        f -> f.pe.faults().forNextRequests(2, Fault.stalledBody(), PeEndpoint.PLAN_JOB_EVENTS),
                        Verdict.SUCCESS,
                        List.of("succeeded"),
                        FaultMatrixTest::everyMintedTokenRevoked)));
        rows.add(row(
                "body of a deploy poll answer stalls",
                new Row(
                        Work.DEPLOY,
                        Credential.PASSWORD,
                        f -> f.requestTimeout = SHORT_REQUEST_TIMEOUT,
                        f -> f.pe.faults().forNextRequests(2, Fault.stalledBody(), PeEndpoint.DEPLOYS_STATUS),
                        Verdict.SUCCESS,
                        List.of("Deployed production"),
                        FaultMatrixTest::everyMintedTokenRevoked)));
        // --- answers of about 64 MB: read up to the limit (16 MB by default), then the request fails ---
        rows.add(row(
                "a 64 MB answer to the plan job read: its state from the list without results",
                new Row(
                        Work.PLAN,
                        Credential.PASSWORD,
                        f -> {},
                        f -> f.pe.faults().forNextRequests(1, Fault.largeBody(64L << 20), PeEndpoint.PLAN_JOB),
                        Verdict.SUCCESS,
                        List.of("succeeded"),
                        f -> {
                            assertThat(String.valueOf(f.outcome.result().get("resultNote")))
                                    .contains("larger than the plugin reads of one answer (16 MB");
                            assertThat(f.pe.journal().entries(PeEndpoint.PLAN_JOBS))
                                    .extracting(JournalEntry::query)
                                    .anyMatch(q -> q.contains("results=exclude"));
                            assertThat(f.pe.faults().largeBodyBytesSent()).isLessThanOrEqualTo(32L << 20);
                        })));
        rows.add(row(
                "a 64 MB answer to a deploy status poll",
                new Row(
                        Work.DEPLOY,
                        Credential.PASSWORD,
                        f -> {},
                        f -> f.pe.faults().forNextRequests(1, Fault.largeBody(64L << 20), PeEndpoint.DEPLOYS_STATUS),
                        Verdict.UNKNOWN,
                        List.of("Cannot follow the code deploy", "more than 16 MB", "maxAnswerMegabytes"),
                        f -> {
                            assertThat(f.pe.journal().count(PeEndpoint.DEPLOYS_STATUS))
                                    .isEqualTo(1);
                            assertThat(f.pe.faults().largeBodyBytesSent()).isLessThanOrEqualTo(32L << 20);
                        })));
        // --- the build's sink throws on every line ---
        rows.add(row(
                "the sink throws on every line of the watch",
                new Row(
                        Work.PLAN,
                        Credential.PASSWORD,
                        f -> {},
                        f -> f.sinkThrows = true,
                        Verdict.SUCCESS,
                        List.of("succeeded"),
                        FaultMatrixTest::everyMintedTokenRevoked)));
        // --- the client closed, the session ended or the build aborted while the work is under way ---
        rows.add(row(
                "client closed while a login answered 503 waits to be tried again",
                new Row(
                        Work.PLAN,
                        Credential.PASSWORD,
                        f -> {
                            retryingSlowly(f);
                            f.pe.faults().forNextRequests(3, Fault.status(503), PeEndpoint.LOGIN);
                            f.whileSubmitting = FaultMatrixTest::endSessionAndCloseClientWhileARetryWaits;
                        },
                        f -> {},
                        Verdict.FAILURE,
                        // the login fails as the client closes; the pre-flight goes on without the
                        // plan's metadata, and the ended session then refuses to log in for the POST
                        List.of("This PE session has ended", "so it logs in no more"),
                        f -> {
                            assertThat(f.pe.journal().entries(PeEndpoint.LOGIN))
                                    .as("the login, not tried again after the close")
                                    .extracting(JournalEntry::status)
                                    .containsExactly(503);
                            assertThat(f.pe.journal().count(PeEndpoint.PLAN_RUN))
                                    .as("plan_run POSTs")
                                    .isZero();
                            assertThat(f.revocation).as("the session's end").succeedsWithin(Duration.ofSeconds(20));
                            noMintedTokenUsable(f);
                        })));
        rows.add(row(
                "client closed while the plan metadata read answered 503 waits to be tried again",
                new Row(
                        Work.PLAN_WITH_PARAMETER,
                        Credential.TOKEN,
                        f -> {
                            retryingSlowly(f);
                            f.pe.faults().forNextRequests(3, Fault.status(503), PeEndpoint.PLAN);
                            f.whileSubmitting = FaultMatrixTest::endSessionAndCloseClientWhileARetryWaits;
                        },
                        f -> {},
                        Verdict.FAILURE,
                        List.of(
                                "The PE client was closed before the request to run plan 'app::deploy' was sent",
                                "it did not reach PE"),
                        f -> {
                            assertThat(f.pe.journal().entries(PeEndpoint.PLAN))
                                    .as("the metadata read, not tried again after the close")
                                    .extracting(JournalEntry::status)
                                    .containsExactly(503);
                            assertThat(f.pe.journal().count(PeEndpoint.PLAN_RUN))
                                    .as("plan_run POSTs")
                                    .isZero();
                            assertThat(f.pe.journal().count(PeEndpoint.LOGIN)).isZero();
                        })));
        rows.add(row(
                "client closed while the plan_run POST is in flight: unknown, never sent again",
                new Row(
                        Work.PLAN,
                        Credential.TOKEN,
                        f -> {
                            // PE starts the plan, then its answer stalls after the headers
                            f.pe.faults().forNextRequests(1, Fault.stalledBody(), PeEndpoint.PLAN_RUN);
                            f.whileSubmitting = w -> {
                                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                                while (w.pe.journal().count(PeEndpoint.PLAN_RUN) == 0 && System.nanoTime() < deadline) {
                                    java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
                                }
                                w.client.close();
                            };
                        },
                        f -> {},
                        Verdict.UNKNOWN,
                        List.of(
                                "the PE client was closed while waiting for its answer",
                                "unknown whether PE started it",
                                "the plan job list could not be read"),
                        f -> {})));
        rows.add(row(
                "session ended while its login is in flight: the late token is revoked at once",
                new Row(
                        Work.PLAN,
                        Credential.PASSWORD,
                        f -> {
                            f.pe.faults().forNextRequests(1, Fault.delay(Duration.ofSeconds(1)), PeEndpoint.LOGIN);
                            // submitPlanRun has sent the login when it returns; PE answers a second later
                            f.whileSubmitting = w -> w.revocation = w.session.revokeMintedTokens();
                        },
                        f -> {},
                        Verdict.FAILURE,
                        List.of("This PE session has ended"),
                        f -> {
                            assertThat(f.revocation).as("the session's end").succeedsWithin(Duration.ofSeconds(20));
                            assertThat(f.pe.journal().entries(PeEndpoint.LOGIN))
                                    .as("the login the end raced")
                                    .extracting(JournalEntry::status)
                                    .containsExactly(200);
                            assertThat(f.pe.journal().entries(PeEndpoint.REVOKE_TOKENS))
                                    .extracting(e -> e.status() / 100)
                                    .as("its token's revocation, answered 2xx, once")
                                    .containsExactly(2);
                            noMintedTokenUsable(f);
                            assertThat(f.session.tokenInfo())
                                    .as("a call after the end")
                                    .failsWithin(Duration.ofSeconds(20))
                                    .withThrowableThat()
                                    .withMessageContaining("This PE session has ended");
                            assertThat(f.pe.journal().count(PeEndpoint.LOGIN))
                                    .as("logins after the end")
                                    .isEqualTo(1);
                            assertThat(f.pe.journal().count(PeEndpoint.PLAN_RUN))
                                    .as("plan_run POSTs")
                                    .isZero();
                        })));
        rows.add(row(
                "plan aborted as PE accepts it, before its watch polled (the hand-off window): stopped in PE",
                new Row(
                        Work.PLAN_ABORTED_IN_HAND_OFF,
                        Credential.PASSWORD,
                        f -> {},
                        f -> {},
                        Verdict.FAILURE,
                        List.of("cancelled", "Asked PE to stop plan job"),
                        f -> {
                            assertThat(f.pe.journal().count(PeEndpoint.PLAN_JOB)
                                            + f.pe.journal().count(PeEndpoint.PLAN_JOB_EVENTS))
                                    .as("polls")
                                    .isZero();
                            assertThat(f.pe.journal().entries(PeEndpoint.STOP_PLAN))
                                    .extracting(e -> e.status() / 100)
                                    .as("stop_plan, answered 2xx, once")
                                    .containsExactly(2);
                            assertThat(f.pe.planJob(f.planReference().planJob()))
                                    .as("stopped before its scripted end")
                                    .map(PlanJobSnapshot::state)
                                    .contains("failure");
                            everyMintedTokenRevoked(f);
                            noMintedTokenUsable(f);
                        })));
        // --- a service away for 30 s of simulated time during the wait ---
        rows.add(row(
                "Orchestrator away for 30 s during the wait",
                new Row(
                        Work.PLAN,
                        Credential.TOKEN,
                        f -> {},
                        f -> f.pe.faults()
                                .forDuration(
                                        Duration.ofSeconds(30),
                                        Fault.status(503).withHtmlBody(),
                                        PeEndpoint.of(PeService.ORCHESTRATOR)),
                        Verdict.SUCCESS,
                        List.of("succeeded"),
                        FaultMatrixTest::sawOutageAndRecovery)));
        rows.add(row(
                "Code Manager away for 30 s during the wait",
                new Row(
                        Work.DEPLOY,
                        Credential.PASSWORD,
                        f -> {},
                        f -> f.pe.faults()
                                .forDuration(
                                        Duration.ofSeconds(30),
                                        Fault.status(503),
                                        PeEndpoint.of(PeService.CODE_MANAGER)),
                        Verdict.SUCCESS,
                        List.of("Deployed production"),
                        FaultMatrixTest::sawOutageAndRecovery)));
        rows.add(row(
                "Orchestrator away past the wait's deadline",
                new Row(
                        Work.PLAN,
                        Credential.TOKEN,
                        f -> f.waitTimeout = Duration.ofSeconds(100),
                        f -> f.pe.faults()
                                .forDuration(
                                        Duration.ofHours(2),
                                        Fault.status(502).withHtmlBody(),
                                        PeEndpoint.PLAN_JOB,
                                        PeEndpoint.PLAN_JOB_EVENTS),
                        Verdict.FAILURE,
                        List.of("Gave up waiting", "the wait timeout ended"),
                        f -> assertThat(f.clock.instant()).isEqualTo(f.reference.deadline()))));
        // --- token expiry mid-wait ---
        rows.add(row(
                "token expiry mid-wait with a password credential",
                new Row(
                        Work.PLAN,
                        Credential.PASSWORD,
                        f -> f.tokenLifetime = Duration.ofSeconds(20),
                        f -> {},
                        Verdict.SUCCESS,
                        List.of("succeeded"),
                        f -> {
                            assertThat(f.pe.journal().count(PeEndpoint.LOGIN)).isGreaterThanOrEqualTo(2);
                            assertThat(f.pe.journal().entries(PeEndpoint.PLAN_JOB_EVENTS))
                                    .as("a poll starts with the events")
                                    .extracting(JournalEntry::status)
                                    .contains(401);
                        })));
        rows.add(row(
                "token expiry mid-wait with a token credential",
                new Row(
                        Work.PLAN,
                        Credential.TOKEN,
                        f -> f.tokenLifetime = Duration.ofSeconds(20),
                        f -> {},
                        Verdict.UNKNOWN,
                        List.of("Cannot follow plan job", "expired"),
                        f -> {
                            assertThat(f.pe.journal().count(PeEndpoint.LOGIN)).isZero();
                            assertThat(f.clock.instant()).isBefore(f.reference.deadline());
                        })));
        // --- PE-side events ---
        rows.add(row(
                "plan stopped in PE by someone else",
                new Row(
                        Work.PLAN,
                        Credential.TOKEN,
                        f -> {},
                        FaultMatrixTest::someoneElseStopsThePlan,
                        Verdict.FAILURE,
                        List.of("failed", "plan-stopped"),
                        f -> assertThat(f.pe.journal().count(PeEndpoint.STOP_PLAN))
                                .isEqualTo(1))));
        rows.add(row(
                "deploy partial failure",
                new Row(
                        Work.DEPLOY_ONE_BROKEN,
                        Credential.PASSWORD,
                        f -> {},
                        f -> {},
                        Verdict.FAILURE,
                        List.of("1 of 2 environments failed to deploy: broken (", "Authentication failed"),
                        f -> {})));
        rows.add(row(
                "failing plan whose error echoes a Sensitive parameter",
                new Row(
                        Work.PLAN_WITH_SECRET,
                        Credential.TOKEN,
                        f -> {},
                        f -> {},
                        Verdict.FAILURE,
                        List.of("could not set ****"),
                        f -> {})));
        rows.add(row(
                "plan metadata unreadable: the plan job's options.sensitive masks the echoed value",
                new Row(
                        Work.PLAN_WITH_SECRET,
                        Credential.TOKEN,
                        f -> f.pe.faults().forNextRequests(20, Fault.status(500), PeEndpoint.PLAN, PeEndpoint.PLANS),
                        f -> {},
                        Verdict.FAILURE,
                        List.of("could not set ****"),
                        f -> assertThat(f.pe.journal().count(PeEndpoint.PLAN_JOB))
                                .isPositive())));
        // --- resumed watches without a saved job name ---
        rows.add(row(
                "resumed watch without the job name: found by marker",
                new Row(
                        Work.RESUME_UNNAMED,
                        Credential.PASSWORD,
                        f -> {},
                        f -> {},
                        Verdict.SUCCESS,
                        List.of("succeeded"),
                        f -> assertThat(f.pe.journal().count(PeEndpoint.PLAN_JOBS))
                                .isGreaterThanOrEqualTo(1))));
        rows.add(row(
                "resumed watch without the job name: never started",
                new Row(
                        Work.RESUME_NEVER_STARTED,
                        Credential.TOKEN,
                        f -> {},
                        f -> {},
                        Verdict.UNKNOWN,
                        List.of("was started is unknown", "before running it again"),
                        f -> assertThat(f.pe.planJobs()).isEmpty())));
        // --- Puppet runs and tasks ---
        for (Work work : List.of(Work.PUPPET_RUN, Work.TASK)) {
            PeEndpoint command = work == Work.TASK ? PeEndpoint.TASK_COMMAND : PeEndpoint.DEPLOY_COMMAND;
            rows.add(row(
                    "reset after PE started the " + work + " (answer lost): found by its marker",
                    new Row(
                            work,
                            Credential.PASSWORD,
                            f -> f.pe.faults().forNextRequests(1, Fault.dropConnectionAfterBody(), command),
                            f -> {},
                            Verdict.SUCCESS,
                            List.of("succeeded on 3 nodes"),
                            f -> assertThat(f.pe.jobCount()).isEqualTo(1))));
            rows.add(row(
                    "reset before the " + work + " reached PE: unknown, never sent again",
                    new Row(
                            work,
                            Credential.TOKEN,
                            f -> f.pe.faults().forNextRequests(1, Fault.dropConnectionBeforeBody(), command),
                            f -> {},
                            Verdict.UNKNOWN,
                            List.of("No job with this run's marker", "Start it again only if no such job exists"),
                            f -> assertThat(f.pe.jobCount()).isZero())));
            rows.add(row(
                    "Orchestrator away for 30 s while polling the " + work,
                    new Row(
                            work,
                            Credential.TOKEN,
                            f -> {},
                            f -> f.pe.faults()
                                    .forDuration(
                                            Duration.ofSeconds(30),
                                            Fault.status(503).withHtmlBody(),
                                            PeEndpoint.of(PeService.ORCHESTRATOR)),
                            Verdict.SUCCESS,
                            List.of("succeeded on 3 nodes"),
                            FaultMatrixTest::sawOutageAndRecovery)));
            rows.add(row(
                    "500 on the nodes of the " + work + " once: read again",
                    new Row(
                            work,
                            Credential.PASSWORD,
                            f -> {},
                            f -> f.pe.faults().forNextRequests(1, Fault.status(500), PeEndpoint.JOB_NODES),
                            Verdict.SUCCESS,
                            List.of("succeeded on 3 nodes"),
                            f -> assertThat(f.pe.journal().count(PeEndpoint.JOB_NODES))
                                    .isGreaterThanOrEqualTo(2))));
            rows.add(row(
                    "token expiry mid-wait of the " + work + " with a password credential",
                    new Row(
                            work,
                            Credential.PASSWORD,
                            f -> f.tokenLifetime = Duration.ofSeconds(20),
                            f -> {},
                            Verdict.SUCCESS,
                            List.of("succeeded on 3 nodes"),
                            f -> assertThat(f.pe.journal().count(PeEndpoint.LOGIN))
                                    .isGreaterThanOrEqualTo(2))));
            rows.add(row(
                    "token expiry mid-wait of the " + work + " with a token credential",
                    new Row(
                            work,
                            Credential.TOKEN,
                            f -> f.tokenLifetime = Duration.ofSeconds(20),
                            f -> {},
                            Verdict.UNKNOWN,
                            List.of("Cannot follow", "expired"),
                            f -> assertThat(f.pe.journal().count(PeEndpoint.LOGIN))
                                    .isZero())));
        }
        rows.add(row(
                "Puppet run watched from a serialised reference without the job name (restart)",
                new Row(
                        Work.RESUME_UNNAMED_JOB,
                        Credential.TOKEN,
                        f -> {},
                        f -> {},
                        Verdict.SUCCESS,
                        List.of("succeeded on 3 nodes"),
                        f -> assertThat(f.pe.journal().count(PeEndpoint.JOBS)).isGreaterThanOrEqualTo(1))));
        rows.add(row(
                "Puppet run aborted while it runs: stopped in PE with force",
                new Row(
                        Work.PUPPET_RUN_ABORTED,
                        Credential.PASSWORD,
                        f -> {},
                        f -> {},
                        Verdict.FAILURE,
                        List.of(
                                "cancelled",
                                "Asked PE to stop job",
                                "with force: nodes not started yet are not started, and nodes still running (3 when"
                                        + " asked) are to be ended at once (PE 2021.7 and later; PE's answer does not"
                                        + " confirm it"),
                        f -> {
                            assertThat(f.outcome.summary())
                                    .as("the stop answer does not prove that running nodes ended")
                                    .doesNotContain("were ended");
                            assertThat(f.pe.jobState(((JobReference) f.reference).job()))
                                    .contains("stopped");
                            assertThat(f.pe.journal()
                                            .entries(PeEndpoint.STOP_JOB)
                                            .get(0)
                                            .body())
                                    .contains("\"force\":true");
                        })));
        rows.add(row(
                "Puppet run aborted after the job already ended in PE",
                new Row(
                        Work.PUPPET_RUN_ABORTED_AFTER_END,
                        Credential.TOKEN,
                        f -> {},
                        f -> f.clock.advance(Duration.ofMinutes(5)),
                        Verdict.FAILURE,
                        List.of("cancelled", "Asked PE to stop job"),
                        f -> {
                            assertThat(f.pe.jobState(((JobReference) f.reference).job()))
                                    .contains("finished");
                            assertThat(f.pe.journal().entries(PeEndpoint.STOP_JOB))
                                    .extracting(JournalEntry::status)
                                    .containsExactly(202);
                        })));
        rows.add(row(
                "task watched from a serialised reference without the job name (restart)",
                new Row(
                        Work.RESUME_UNNAMED_TASK,
                        Credential.TOKEN,
                        f -> {},
                        f -> {},
                        Verdict.SUCCESS,
                        List.of("Task job", "succeeded on 3 nodes"),
                        f -> {
                            assertThat(f.pe.journal().entries(PeEndpoint.JOBS))
                                    .as("the job is found by the marker among the newest task jobs")
                                    .anyMatch(
                                            e -> e.query() != null && e.query().contains("type=task"));
                            assertThat(f.pe.journal().count(PeEndpoint.TASK_COMMAND))
                                    .isEqualTo(1);
                        })));
        rows.add(row(
                "task aborted while it runs: stopped in PE without force",
                new Row(
                        Work.TASK_ABORTED,
                        Credential.PASSWORD,
                        f -> {},
                        f -> {},
                        Verdict.FAILURE,
                        List.of(
                                "cancelled",
                                "Asked PE to stop job",
                                "nodes not started yet are not started, nodes already running finish first"),
                        f -> {
                            assertThat(f.pe.jobState(((JobReference) f.reference).job()))
                                    .hasValueSatisfying(
                                            state -> assertThat(state).isIn("stopping", "stopped"));
                            assertThat(f.pe.journal()
                                            .entries(PeEndpoint.STOP_JOB)
                                            .get(0)
                                            .body())
                                    .doesNotContain("force");
                        })));
        rows.add(row(
                "task aborted after the job already ended in PE",
                new Row(
                        Work.TASK_ABORTED_AFTER_END,
                        Credential.TOKEN,
                        f -> {},
                        f -> f.clock.advance(Duration.ofMinutes(5)),
                        Verdict.FAILURE,
                        List.of("cancelled", "Asked PE to stop job"),
                        f -> {
                            assertThat(f.pe.jobState(((JobReference) f.reference).job()))
                                    .contains("finished");
                            assertThat(f.pe.journal().entries(PeEndpoint.STOP_JOB))
                                    .extracting(JournalEntry::status)
                                    .containsExactly(202);
                        })));
        return rows.stream();
    }

    private final FakeClock clock = new FakeClock();
    private final List<LogLine> lines = new CopyOnWriteArrayList<>();
    private final List<WatchReference> progress = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> eventsRead = new CompletableFuture<>();
    private PeSimulator pe;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void start() {
        pe = PeSimulator.start(clock);
        pe.addUser("deployer", PASSWORD, UserPermissions.deployer());
        pe.addUser("operator", PASSWORD + "-other", UserPermissions.all());
        pe.addPlan(PlanSpec.named(PLAN).withParameter("version", "Optional[String]", "Version to deploy"));
        pe.scriptPlan(
                PLAN,
                PlanJobScript.succeeding(PLAN_RUNS_FOR)
                        .withEvents(
                                ScriptedEvent.outMessage(Duration.ofSeconds(5), "canary done"),
                                ScriptedEvent.outMessage(Duration.ofSeconds(35), "rollout done")));
        pe.addPlan(PlanSpec.named(SECRET_PLAN).withSensitiveParameter("password", "New password"));
        pe.scriptPlan(
                SECRET_PLAN,
                params -> PlanJobScript.failing(Duration.ofSeconds(20))
                        .withResult(
                                Map.of("kind", "app/rotate-failed", "msg", "could not set " + params.get("password"))));
        pe.putEnvironment(EnvironmentSpec.named("production").withDeployDuration(DEPLOY_TAKES));
        pe.addTask(TaskSpec.named(TASK).withSensitiveParameter("secret", "String[1]"));
        pe.scriptJobs(
                JobScript.allNodes(NodeScript.finishing(Duration.ofSeconds(30)).withTaskResult(Map.of("ok", true)))
                        .node("db01.example.com", NodeScript.finishing(Duration.ofSeconds(45))));
        pe.putEnvironment(EnvironmentSpec.named("broken").failingWith("Authentication failed for Git remote"));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        pe.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void faultHasItsExpectedOutcome(String name, Row row) throws Exception {
        Fixture f = new Fixture();
        f.pe = pe;
        f.clock = clock;
        f.urls = PeServiceUrls.of(
                null,
                pe.rbacUrl().toString(),
                pe.codeManagerUrl().toString(),
                pe.orchestratorUrl().toString(),
                pe.consoleUrl().toString());
        row.beforeSubmit().accept(f);
        PeClient client = client(f);
        f.client = client;
        String token = pe.issueToken("deployer", f.tokenLifetime);
        PeCredentials credentials = row.credential() == Credential.TOKEN
                ? PeCredentials.token(token)
                : PeCredentials.password("deployer", PASSWORD.toCharArray(), f.tokenLifetime, "matrix");
        PeSession session = client.session(credentials);
        f.session = session;
        ManualWatchScheduler scheduler = new ManualWatchScheduler(clock);
        ExecutionCore core = new ExecutionCore(scheduler, clock, PollBackoff.DEFAULT, () -> 0.5);
        WatchSink sink = new WatchSink() {
            @Override
            public void log(LogLine line) {
                lines.add(line);
                if (f.sinkThrows) {
                    throw new IllegalStateException("the build log is gone");
                }
            }

            @Override
            public void progressed(WatchReference reference) {
                progress.add(reference);
                if (reference instanceof JobReference job && job.lastEventId() != JobReference.NO_EVENT) {
                    eventsRead.complete(null);
                }
            }
        };

        Outcome outcome;
        Watch watch = null;
        CompletableFuture<Submission> submitted = submit(row.work(), core, session, client.urls(), f, sink);
        if (f.whileSubmitting != null) {
            f.whileSubmitting.accept(f);
        }
        Submission submission = submitted.get(20, TimeUnit.SECONDS);
        f.submission = submission;
        if (!submission.isSubmitted()) {
            outcome = submission.outcome();
        } else {
            f.reference = reference(row.work(), submission);
            row.beforeWatch().accept(f);
            watch = core.watch(session, client.urls(), f.reference, sink, submission.mask());
            if (row.work() == Work.PUPPET_RUN_ABORTED || row.work() == Work.TASK_ABORTED) {
                scheduler.runUntil(eventsRead);
            }
            if (row.work().isAborted()) {
                watch.cancel(true);
            }
            scheduler.runUntil(watch.outcome());
            outcome = watch.outcome().get(20, TimeUnit.SECONDS);
        }

        assertThat(outcome.verdict()).as(outcome.summary()).isEqualTo(row.verdict());
        assertThat(outcome.summary()).contains(row.words());
        assertThat(pe.journal().count(PeEndpoint.PLAN_RUN) + pe.journal().count(PeEndpoint.ENVIRONMENT_PLAN_RUN))
                .as("plan_run POSTs")
                .isLessThanOrEqualTo(row.work() == Work.RESUME_NEVER_STARTED ? 0 : 1);
        assertThat(pe.journal().count(PeEndpoint.DEPLOYS)).as("deploy POSTs").isLessThanOrEqualTo(1);
        assertThat(pe.journal().count(PeEndpoint.DEPLOY_COMMAND) + pe.journal().count(PeEndpoint.TASK_COMMAND))
                .as("Puppet-run and task POSTs")
                .isLessThanOrEqualTo(row.work().isJob() ? 1 : 0);
        assertThat(pe.jobCount()).as("Puppet-run and task jobs").isLessThanOrEqualTo(1);
        assertThat(pe.planJobs()).as("plan jobs").hasSizeLessThanOrEqualTo(1);
        if (f.reference != null) {
            Instant deadline = f.reference.deadline();
            assertThat(clock.instant()).as("clock at the end").isBeforeOrEqualTo(deadline);
            assertThat(pe.journal().entries())
                    .allSatisfy(e -> assertThat(e.time()).as(e.path()).isBeforeOrEqualTo(deadline));
        }
        f.outcome = outcome;
        row.alsoTrue().accept(f);
        assertNoSecret(
                List.of(token, PASSWORD, SENSITIVE, GIT_TOKEN),
                outcome,
                submission,
                watch,
                credentials,
                session,
                client);
    }

    private void assertNoSecret(
            List<String> secrets,
            Outcome outcome,
            Submission submission,
            Watch watch,
            PeCredentials credentials,
            PeSession session,
            PeClient client)
            throws IOException {
        List<String> seen = new ArrayList<>();
        lines.forEach(l -> seen.add(l.plainText()));
        seen.add(outcome.summary());
        seen.add(outcome.toString());
        seen.add(String.valueOf(outcome.result()));
        seen.add(submission.toString());
        seen.add(credentials.toString());
        seen.add(session.toString());
        seen.add(client.toString());
        if (watch != null) {
            seen.add(watch.status());
            seen.add(watch.reference().toString());
            seen.add(serialized(watch.reference()));
        }
        for (WatchReference r : progress) {
            seen.add(r.toString());
            seen.add(serialized(r));
        }
        for (JournalEntry e : pe.journal().entries()) {
            seen.add(e.toString());
        }
        for (String secret : secrets) {
            assertThat(seen).noneMatch(s -> s != null && s.contains(secret));
        }
    }

    private static String serialized(WatchReference reference) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(reference);
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    private CompletableFuture<Submission> submit(
            Work work, ExecutionCore core, PeSession session, PeServiceUrls urls, Fixture f, WatchSink sink)
            throws Exception {
        var submitted =
                switch (work) {
                    case DEPLOY_ALL ->
                        core.submitDeploy(
                                session,
                                "sim",
                                CodeDeployInput.builder()
                                        .all(true)
                                        .waitTimeout(f.waitTimeout)
                                        .build(),
                                sink);
                    case DEPLOY, DEPLOY_ONE_BROKEN ->
                        core.submitDeploy(
                                session,
                                "sim",
                                CodeDeployInput.builder()
                                        .environments(
                                                work == Work.DEPLOY
                                                        ? List.of("production")
                                                        : List.of("production", "broken"))
                                        .waitTimeout(f.waitTimeout)
                                        .build(),
                                sink);
                    case PLAN_WITH_PARAMETER ->
                        core.submitPlanRun(
                                session,
                                urls,
                                "sim",
                                PlanRunInput.builder()
                                        .plan(PLAN)
                                        .parameters(Map.of("version", "1.2"))
                                        .waitTimeout(f.waitTimeout)
                                        .build(),
                                "matrix",
                                sink);
                    case PLAN_WITH_SECRET ->
                        core.submitPlanRun(
                                session,
                                urls,
                                "sim",
                                PlanRunInput.builder()
                                        .plan(SECRET_PLAN)
                                        .parameters(Map.of("password", SENSITIVE))
                                        .build(),
                                "matrix",
                                sink);
                    case PLAN, RESUME_UNNAMED, PLAN_ABORTED_IN_HAND_OFF ->
                        core.submitPlanRun(
                                session,
                                urls,
                                "sim",
                                PlanRunInput.builder()
                                        .plan(PLAN)
                                        .waitTimeout(f.waitTimeout)
                                        .build(),
                                "matrix",
                                sink);
                    case PUPPET_RUN, RESUME_UNNAMED_JOB, PUPPET_RUN_ABORTED, PUPPET_RUN_ABORTED_AFTER_END ->
                        core.submitJob(
                                session,
                                urls,
                                "sim",
                                JobInput.puppetRun()
                                        .nodes(NODES)
                                        .forceStop(work == Work.PUPPET_RUN_ABORTED)
                                        .waitTimeout(f.waitTimeout)
                                        .build(),
                                "matrix",
                                sink);
                    case TASK, RESUME_UNNAMED_TASK, TASK_ABORTED, TASK_ABORTED_AFTER_END ->
                        core.submitJob(
                                session,
                                urls,
                                "sim",
                                JobInput.task()
                                        .task(TASK)
                                        .nodes(NODES)
                                        .parameters(Map.of("secret", SENSITIVE))
                                        .waitTimeout(f.waitTimeout)
                                        .build(),
                                "matrix",
                                sink);
                    case RESUME_NEVER_STARTED -> {
                        Instant now = clock.instant();
                        yield CompletableFuture.completedFuture(Submission.submitted(
                                new PlanRunReference(
                                        "sim",
                                        RunMarker.create(),
                                        now,
                                        now.plus(Duration.ofHours(1)),
                                        PLAN,
                                        "production",
                                        null,
                                        PlanRunReference.NO_EVENT,
                                        true),
                                TextMask.NONE));
                    }
                };
        return submitted;
    }

    /** The reference to watch: as submitted, or, for a resume, as saved before the job name was known. */
    private static WatchReference reference(Work work, Submission submission) throws Exception {
        if (work == Work.RESUME_UNNAMED_JOB || work == Work.RESUME_UNNAMED_TASK) {
            JobReference job = (JobReference) submission.reference();
            JobReference unnamed = new JobReference(
                    job.server(),
                    job.marker(),
                    job.submittedAt(),
                    job.deadline(),
                    job.taskName(),
                    job.environment(),
                    null,
                    JobReference.NO_EVENT,
                    job.requestedNodes(),
                    job.noop(),
                    job.failOnPendingChanges(),
                    job.stopWhenAbandoned(),
                    job.forceStop());
            return JobWatchSimulatorTest.roundTrip(unnamed);
        }
        if (work != Work.RESUME_UNNAMED) {
            return submission.reference();
        }
        PlanRunReference plan = (PlanRunReference) submission.reference();
        return new PlanRunReference(
                plan.server(),
                plan.marker(),
                plan.submittedAt(),
                plan.deadline(),
                plan.plan(),
                plan.environment(),
                null,
                PlanRunReference.NO_EVENT,
                true);
    }

    private PeClient client(Fixture f) {
        PeClient.Builder builder = PeClient.builder(f.urls, PeCaBundle.fromPem(pe.caPem()))
                .requestTimeout(f.requestTimeout)
                .retryPolicy(f.retryPolicy);
        if (f.retryScheduler != null) {
            builder.scheduler(f.retryScheduler);
            toClose.add(f.retryScheduler::shutdownNow);
        }
        PeClient client = builder.build();
        toClose.add(client);
        return client;
    }

    /** Another PE user stops the running plan in PE (as from the console) while the build waits. */
    private static void someoneElseStopsThePlan(Fixture f) {
        f.clock.advance(Duration.ofSeconds(10));
        try (PeClient other =
                PeClient.builder(f.urls, PeCaBundle.fromPem(f.pe.caPem())).build()) {
            other.session(PeCredentials.token(f.pe.issueToken("operator")))
                    .orchestrator()
                    .stopPlan(f.planReference().planJob())
                    .get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** After the session closes, PE's RBAC journal shows a revocation for every token a login minted. */
    private static void everyMintedTokenRevoked(Fixture f) {
        f.session.close();
        long minted = f.pe.journal().entries(PeEndpoint.LOGIN).stream()
                .filter(e -> e.status() == 200)
                .count();
        long revoked = f.pe.journal().entries(PeEndpoint.REVOKE_TOKEN).stream()
                        .filter(e -> e.status() / 100 == 2)
                        .count()
                + f.pe.journal().entries(PeEndpoint.REVOKE_TOKENS).stream()
                        .filter(e -> e.status() / 100 == 2)
                        .count();
        assertThat(minted).isPositive();
        assertThat(revoked).as("revocations of %s minted tokens", minted).isGreaterThanOrEqualTo(minted);
    }

    /**
     * No token the session minted (labelled after the work, "matrix …") is usable in PE's RBAC; checked
     * without ending the session, which would revoke what it kept.
     */
    private static void noMintedTokenUsable(Fixture f) {
        assertThat(f.pe.usableTokenLabels("deployer"))
                .as("usable tokens minted by the session")
                .noneMatch(label -> label != null && label.startsWith("matrix"));
    }

    /** Retries that wait long enough, on a scheduler the row can look into, to act while one waits. */
    private static void retryingSlowly(Fixture f) {
        f.retryPolicy = SLOW_RETRIES;
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        scheduler.setRemoveOnCancelPolicy(true);
        f.retryScheduler = scheduler;
    }

    /**
     * Once a request waits on the scheduler to be tried again, ends the session as the glue does
     * ({@code BuildSession.end()}: revocation started, not awaited) and closes the client.
     */
    private static void endSessionAndCloseClientWhileARetryWaits(Fixture f) {
        // an attempt's own deadline is at most the request timeout away; a retry is further off
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (f.retryScheduler.getQueue().stream()
                .noneMatch(task -> ((Delayed) task).getDelay(TimeUnit.MILLISECONDS) > f.requestTimeout.toMillis())) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("no request started waiting to be tried again");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        f.revocation = f.session.revokeMintedTokens();
        f.client.close();
    }

    private static void sawOutageAndRecovery(Fixture f) {
        assertThat(f.pe.journal().entries()).extracting(JournalEntry::status).contains(503);
    }

    private static PeServiceUrls withOrchestrator(Fixture f, String orchestrator) {
        return PeServiceUrls.of(
                null,
                f.pe.rbacUrl().toString(),
                f.pe.codeManagerUrl().toString(),
                orchestrator,
                f.pe.consoleUrl().toString());
    }

    private static PeServiceUrls withCodeManager(Fixture f, String codeManager) {
        return PeServiceUrls.of(
                null,
                f.pe.rbacUrl().toString(),
                codeManager,
                f.pe.orchestratorUrl().toString(),
                f.pe.consoleUrl().toString());
    }

    /** A local port nothing listens on: the simulator that had it is closed. */
    private static String closedPortUrl() {
        try (PeSimulator gone = PeSimulator.start()) {
            return "https://localhost:" + gone.orchestratorUrl().getPort();
        }
    }

    private static Arguments submitFault(
            String name, Work work, Fault fault, PeEndpoint endpoint, Verdict verdict, String words) {
        return row(
                name,
                new Row(
                        work,
                        work == Work.DEPLOY ? Credential.PASSWORD : Credential.TOKEN,
                        f -> {
                            if (fault.kind() == Fault.Kind.DELAY || fault.kind() == Fault.Kind.STALLED_BODY) {
                                f.requestTimeout = SHORT_REQUEST_TIMEOUT;
                            }
                            f.pe.faults().forNextRequests(1, fault, endpoint);
                        },
                        f -> {},
                        verdict,
                        List.of(words),
                        f -> {}));
    }

    private static Arguments pollFault(Work work, Fault fault, PeEndpoint endpoint) {
        return row(
                fault + " on " + endpoint + " polls",
                new Row(
                        work,
                        fault.kind() == Fault.Kind.DELAY ? Credential.TOKEN : Credential.PASSWORD,
                        f -> {
                            if (fault.kind() == Fault.Kind.DELAY) {
                                f.requestTimeout = SHORT_REQUEST_TIMEOUT;
                            }
                        },
                        f -> f.pe.faults().forNextRequests(4, fault, endpoint),
                        Verdict.SUCCESS,
                        List.of(work == Work.DEPLOY ? "Deployed production" : "succeeded"),
                        f -> assertThat(f.pe.journal().entries(endpoint))
                                .extracting(JournalEntry::fault)
                                .contains(fault)));
    }

    private static Arguments row(String name, Row row) {
        return Arguments.of(name, row);
    }
}
