package io.jenkins.plugins.puppetenterprise.jenkins;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import hudson.init.Terminator;
import hudson.model.Item;
import hudson.model.Run;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.core.ExecutionCore;
import io.jenkins.plugins.puppetenterprise.core.JobReference;
import io.jenkins.plugins.puppetenterprise.core.Outcome;
import io.jenkins.plugins.puppetenterprise.core.TextMask;
import io.jenkins.plugins.puppetenterprise.core.Verdict;
import io.jenkins.plugins.puppetenterprise.core.Watch;
import io.jenkins.plugins.puppetenterprise.core.WatchReference;
import io.jenkins.plugins.puppetenterprise.core.WatchSink;
import io.jenkins.plugins.puppetenterprise.core.job.JobLinks;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import jenkins.model.Jenkins;

/** What steps and build steps share: the one execution core, sessions, and the build's records. */
public final class PeExecution {
    private static ExecutionCore core;

    private PeExecution() {}

    /** The execution core of this Jenkins: a few shared threads poll every watch. */
    public static synchronized ExecutionCore core() {
        if (core == null) {
            core = ExecutionCore.withSharedThreads();
        }
        return core;
    }

    /**
     * Jenkins is shutting down (or restarting in the same JVM): live watches stop following their
     * work without stopping it (Pipeline steps resume from their saved references after the
     * restart; a freestyle build ends saying the work goes on in PE), the builds' sessions end
     * (minted tokens revoked, waiting at most {@link ExecutionCore#STOP_WAIT}), and every shared
     * client is retired. A later {@link #core()} starts afresh.
     */
    // After Pipeline has suspended its executions (workflow-cps attains this milestone; the name is
    // written out because workflow-api is no dependency of this plugin). Without Pipeline no task
    // attains it and this runs at once.
    @Terminator(requires = "FlowExecutionList.EXECUTIONS_SUSPENDED")
    public static void shutdown() {
        ExecutionCore ending;
        synchronized (PeExecution.class) {
            ending = core;
            core = null;
        }
        if (ending != null) {
            ending.shutdown();
        }
        BuildSession.endAll(ExecutionCore.STOP_WAIT);
        InstallationClients.retireAll();
    }

    /**
     * The one way a step or build step reaches PE: the installation its job may use (see {@link
     * #installationFor}), the build's credential, and a session on the installation's shared client.
     * {@link BuildSession#end()} it when the build's work is done. Called again when a waiting step
     * resumes, so a restriction added meanwhile holds.
     *
     * @param server the installation the step names, or null or blank for the default one
     * @param track record the credential's use on the build (once per step, at its start)
     */
    public static BuildSession open(Run<?, ?> run, String server, String credentialsId, boolean track)
            throws AbortException {
        PeInstallation installation = installationFor(run.getParent(), server);
        try {
            installation.settings().requireUsableAt(Instant.now());
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        StandardCredentials credential = PeCredentialLookup.forRun(run, installation, credentialsId, track);
        String build = run.getParent().getFullName() + " #" + run.getNumber();
        PeCredentials credentials =
                PeCredentialLookup.toClientCredentials(credential, ("jenkins " + build).replace(',', ' '));
        // the origin keeps builds whose credentials share an ID but not a store out of one sweep
        String origin = PeCredentialLookup.originOf(run, credential);
        SharedClients.Lease<PeClient> lease = InstallationClients.lease(installation);
        return new BuildSession(
                lease.client().session(credentials, origin), lease, installation, build, credential.getId());
    }

    /**
     * One question of a form to PE, over a session of its own on the installation's shared client:
     * a token minted from a password is revoked once the answer is in, without holding the form's
     * thread. The caller has checked permissions and resolved the credential with {@link
     * PeCredentialLookup#forForm}.
     */
    static <T> CompletableFuture<T> askForForm(
            PeInstallation installation,
            StandardCredentials credential,
            Function<PeSession, CompletableFuture<T>> question) {
        SharedClients.Lease<PeClient> lease = InstallationClients.lease(installation);
        PeSession session;
        try {
            session = lease.client().session(PeCredentialLookup.toClientCredentials(credential, "jenkins form check"));
        } catch (AbortException | RuntimeException e) {
            lease.release();
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> answer;
        try {
            answer = question.apply(session);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.whenComplete((value, failure) ->
                session.revokeMintedTokens().whenComplete((done, revokeFailure) -> lease.release()));
    }

    /**
     * The installation a job names (or the default one), when the job may use it: with allowed
     * folders set, only jobs inside them may, and a job outside fails here, before any request,
     * rather than falling back to another installation.
     *
     * @throws AbortException naming the installation, the setting and the fix
     */
    public static PeInstallation installationFor(Item job, String server) throws AbortException {
        PeInstallation installation;
        try {
            installation = PuppetEnterpriseConfiguration.get().require(server);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        Optional<String> refusal = installation.allowedFolders().refusal(installation.getName(), job.getFullName());
        if (refusal.isPresent()) {
            throw new AbortException(refusal.get());
        }
        return installation;
    }

    /** Whether the job may use the installation a form names; forms offer nothing beyond it otherwise. */
    static boolean mayUse(Item job, PeInstallation installation) {
        return job == null || installation.allowedFolders().allows(job.getFullName());
    }

    /** The plan description PE shows when the user gave none: the job and the build's URL. */
    public static String defaultDescription(Run<?, ?> run) {
        String root = Jenkins.get().getRootUrl();
        return "Jenkins " + run.getFullDisplayName() + (root == null ? "" : " " + root + run.getUrl());
    }

    /**
     * Watches submitted work for a build. A Puppet run or task is on the build page while it runs
     * ({@link RunningJobRecord}); {@link #record} puts its outcome in its place, and a watch that
     * ends without a record (an aborted freestyle build, a stop after a restart, a shutdown) takes
     * it away.
     *
     * @param operation as for {@link #record}
     */
    static Watch watch(
            Run<?, ?> run,
            String operation,
            PeSession session,
            PeServiceUrls urls,
            WatchReference reference,
            WatchSink log,
            TextMask mask) {
        return shown(run, operation, urls, reference, log, sink -> core().watch(session, urls, reference, sink, mask));
    }

    /**
     * {@link #watch} of work saved before a controller restart ({@link ExecutionCore#resume}).
     *
     * @param mask what the front end can mask after the restart ({@link SensitiveVariables})
     */
    static Watch resume(
            Run<?, ?> run,
            String operation,
            PeSession session,
            PeServiceUrls urls,
            WatchReference reference,
            WatchSink log,
            TextMask mask) {
        return shown(run, operation, urls, reference, log, sink -> core().resume(session, urls, reference, sink, mask));
    }

    private static Watch shown(
            Run<?, ?> run,
            String operation,
            PeServiceUrls urls,
            WatchReference reference,
            WatchSink log,
            Function<WatchSink, Watch> start) {
        if (!(reference instanceof JobReference job)) {
            return start.apply(log);
        }
        RunningJobRecord running =
                new RunningJobRecord(label(operation), job, new JobLinks(urls.console()), Instant.now());
        PeSummaryAction.showRunning(run, running);
        Watch watch;
        try {
            watch = start.apply(running.alongside(log));
        } catch (RuntimeException e) {
            PeSummaryAction.dropRunning(run, running);
            throw e;
        }
        watch.outcome().whenComplete((outcome, failure) -> PeSummaryAction.dropRunning(run, running));
        watch.detached().whenComplete((words, failure) -> PeSummaryAction.dropRunning(run, running));
        return watch;
    }

    /** Adds the outcome to the build page's summary, in place of its running Puppet run or task. */
    static void record(Run<?, ?> run, String operation, Outcome outcome) throws IOException {
        Object marker = outcome.result().get("marker");
        PeSummaryAction.record(
                run, records(label(operation), outcome, Instant.now()), marker == null ? null : marker.toString());
    }

    /** Steps name the operation mid-sentence ("plan run"), builders as a label ("Plan run"). */
    private static String label(String operation) {
        return operation.isEmpty() ? operation : Character.toUpperCase(operation.charAt(0)) + operation.substring(1);
    }

    /** The summary's lines for an outcome: one per deployed environment, or one for a plan run. */
    @SuppressWarnings("unchecked")
    static List<PeOperationRecord> records(String operation, Outcome outcome, Instant now) {
        Map<String, Object> result = outcome.result();
        String server = String.valueOf(result.get("server"));
        List<PeOperationRecord> records = new ArrayList<>();
        if (result.get("environments") instanceof Map<?, ?> environments && !environments.isEmpty()) {
            for (Map.Entry<?, ?> e : environments.entrySet()) {
                Map<String, Object> env = e.getValue() instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                Object commit = env.get("deploySignature");
                Object error = env.get("error") instanceof Map<?, ?> err ? err.get("message") : null;
                records.add(new PeOperationRecord(
                        operation,
                        server,
                        String.valueOf(e.getKey()),
                        String.valueOf(env.getOrDefault(
                                "status", outcome.verdict().name().toLowerCase())),
                        error != null ? String.valueOf(error) : commit == null ? null : "commit " + commit,
                        null,
                        now));
            }
        } else if (result.get("kind") != null && result.containsKey("noop")) {
            records.add(jobRecord(operation, server, outcome, now));
        } else {
            Object planJob = result.get("planJob");
            String target = result.containsKey("plan")
                    ? result.get("plan") + (planJob == null ? "" : " (plan job " + planJob + ")")
                    : operation;
            Object state = result.get("state");
            records.add(new PeOperationRecord(
                    operation,
                    server,
                    target,
                    state == null ? outcome.verdict().name().toLowerCase() : String.valueOf(state),
                    outcome.verdict() == Verdict.SUCCESS ? null : outcome.summary(),
                    result.get("url") == null ? null : String.valueOf(result.get("url")),
                    now));
        }
        return records;
    }

    /** The summary's line for a Puppet run or task: counts per node state and its nodes, failed first. */
    @SuppressWarnings("unchecked")
    private static PeOperationRecord jobRecord(String operation, String server, Outcome outcome, Instant now) {
        Map<String, Object> result = outcome.result();
        String target = jobTarget(result.get("task"), result.get("job"));
        List<PeNodeRecord> nodes = new ArrayList<>();
        if (result.get("nodes") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> m) {
                    Map<String, Object> node = (Map<String, Object>) m;
                    Object error = node.get("error");
                    String details = error != null
                            ? String.valueOf(error)
                            : node.containsKey("changed")
                                    ? node.get("changed") + " changed, " + node.getOrDefault("outOfSync", 0)
                                            + " out of sync"
                                    : null;
                    nodes.add(new PeNodeRecord(
                            String.valueOf(node.get("name")),
                            String.valueOf(node.get("state")),
                            details,
                            node.get("report") == null ? null : String.valueOf(node.get("report"))));
                }
            }
        }
        Map<?, ?> perState = result.get("counts") instanceof Map<?, ?> c ? c : Map.of();
        String counts = perState.isEmpty() ? null : countsText(perState);
        // the counts cover every node PE listed; the result keeps at most JobResults.MAX_NODES of them
        int nodeTotal = Math.max(
                perState.values().stream()
                        .mapToInt(n -> n instanceof Number number ? number.intValue() : 0)
                        .sum(),
                nodes.size() + (result.get("nodesOmitted") instanceof Number omitted ? omitted.intValue() : 0));
        String details = outcome.verdict() == Verdict.SUCCESS
                ? counts
                : counts == null ? outcome.summary() : counts + ". " + outcome.summary();
        Object state = result.get("state");
        return new PeOperationRecord(
                operation,
                server,
                target,
                state == null ? outcome.verdict().name().toLowerCase() : String.valueOf(state),
                details,
                result.get("url") == null ? null : String.valueOf(result.get("url")),
                now,
                nodes,
                nodeTotal);
    }

    /** A Puppet run's or task's target on the build page: "Puppet run (job 81)", "task package (job 82)". */
    static String jobTarget(Object task, Object job) {
        return (task != null ? "task " + task : "Puppet run") + (job == null ? "" : " (job " + job + ")");
    }

    /** Counts per node state as the build page says them: "2 finished, 1 failed". */
    static String countsText(Map<?, ?> perState) {
        return String.join(
                ", ",
                perState.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey())
                        .toList());
    }

    /**
     * A Pipeline's copy of a result: plain LinkedHashMaps and ArrayLists all the way down (the core's
     * maps are unmodifiable views), so the script may change it like any map it built itself and
     * the program's serialization stores it as ordinary collections.
     */
    public static Object pipelineValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), pipelineValue(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(pipelineValue(item)));
            return copy;
        }
        return value;
    }

    /** The failure a build reports: the core's words, and for UNKNOWN what to check in PE. */
    public static AbortException failure(Outcome outcome) {
        return new AbortException(
                outcome.verdict() == Verdict.UNKNOWN ? "Outcome unknown: " + outcome.summary() : outcome.summary());
    }
}
