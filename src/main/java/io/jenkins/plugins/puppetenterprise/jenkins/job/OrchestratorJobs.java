package io.jenkins.plugins.puppetenterprise.jenkins.job;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.core.Submission;
import io.jenkins.plugins.puppetenterprise.core.job.JobInput;
import io.jenkins.plugins.puppetenterprise.jenkins.BuildLog;
import io.jenkins.plugins.puppetenterprise.jenkins.BuilderRun;
import io.jenkins.plugins.puppetenterprise.jenkins.FieldText;
import io.jenkins.plugins.puppetenterprise.jenkins.PeExecution;
import io.jenkins.plugins.puppetenterprise.jenkins.PeInstallation;
import io.jenkins.plugins.puppetenterprise.jenkins.PeStepExecution;
import io.jenkins.plugins.puppetenterprise.jenkins.StepInput;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What {@code puppetRun}, {@code puppetTask} and their build steps share behind their bound fields: the
 * conversion of their settings into the core's input, the submission, the Pipeline steps' durable execution and
 * the build steps' run.
 */
final class OrchestratorJobs {
    /** Pipeline arguments are taken as given; Groovy has already interpolated them. */
    static final UnaryOperator<String> AS_GIVEN = UnaryOperator.identity();

    private OrchestratorJobs() {}

    /** The two kinds of job, with the words the Pipeline step, the build step and the build page use for them. */
    enum Kind {
        PUPPET_RUN("puppetRun", "Puppet run", "Run Puppet on nodes with Puppet Enterprise"),
        TASK("puppetTask", "task run", "Run a Puppet Enterprise task on nodes");

        /** The Pipeline step's name, which the build step points a Pipeline to. */
        final String functionName;
        /** The job in the log's sentences and, capitalised, on the build page. */
        final String operation;
        /** The title of the step and of the build step. */
        final String displayName;

        Kind(String functionName, String operation, String displayName) {
            this.functionName = functionName;
            this.operation = operation;
            this.displayName = displayName;
        }
    }

    /**
     * The validated input of a Puppet run (every problem at once, naming the fields).
     *
     * @param expand applied to every text field but the credential's ID (a build step's {@code $VAR})
     * @throws IllegalArgumentException naming the field and the fix
     */
    static JobInput puppetRunInput(PuppetRunSettings s, UnaryOperator<String> expand) {
        return common(JobInput.puppetRun(), s, expand)
                .useNodeEnvironments(s.isUseNodeEnvironments())
                .noNoop(s.isNoNoop())
                .concurrency(unsetIfZero(s.getConcurrency()))
                .tags(text(s.getTags(), expand))
                .skipTags(text(s.getSkipTags(), expand))
                .debug(s.isDebug())
                .trace(s.isTrace())
                .evaltrace(s.isEvaltrace())
                .useCachedCatalog(s.isUseCachedCatalog())
                .useCacheOnFailure(s.isUseCacheOnFailure())
                .fileTimeout(unsetIfZero(s.getFileTimeout()))
                .httpConnectTimeout(unsetIfZero(s.getHttpConnectTimeout()))
                .httpKeepaliveTimeout(unsetIfZero(s.getHttpKeepaliveTimeout()))
                .httpReadTimeout(unsetIfZero(s.getHttpReadTimeout()))
                .ordering(text(s.getOrdering(), expand))
                .failOnPendingChanges(s.isFailOnPendingChanges())
                .build();
    }

    /**
     * The validated input of a task run (every problem at once, naming the fields).
     *
     * @param expand applied to every text field but the credential's ID, and to parameter values but not their
     *     names (a build step's {@code $VAR}, as for plan parameters)
     * @throws IllegalArgumentException naming the field and the fix
     */
    static JobInput taskInput(PuppetTaskSettings s, UnaryOperator<String> expand) {
        JobInput.Builder input = common(JobInput.task(), s, expand).task(text(s.getTask(), expand));
        for (TaskArgument argument : s.getParameters()) {
            // values as written: only $VAR is expanded, spaces may matter to the task
            String value = argument.getValue();
            input.parameter(argument.toInput(value == null ? null : expand.apply(value)));
        }
        return input.build();
    }

    private static JobInput.Builder common(
            JobInput.Builder input, OrchestratorJobSettings s, UnaryOperator<String> expand) {
        List<String> nodes = NodeNames.certnames(s.getNodes().stream()
                .map(node -> node == null ? null : expand.apply(node))
                .toList());
        return input.nodes(nodes.isEmpty() ? null : nodes)
                .query(text(s.getQuery(), expand))
                .nodeGroup(text(s.getNodeGroup(), expand))
                .environment(text(s.getEnvironment(), expand))
                .noop(s.isNoop())
                .peTimeoutSeconds(unsetIfZero(s.getTimeout()))
                .description(text(s.getDescription(), expand))
                .userdataJson(text(s.getUserdata(), expand))
                .waitForCompletion(s.isWait())
                .waitTimeout(Duration.ofMinutes(s.getWaitTimeoutMinutes()))
                .stopOnAbort(s.isStopOnAbort())
                .forceStop(s.isForceStop());
    }

    private static String text(String value, UnaryOperator<String> expand) {
        return value == null ? null : FieldText.trimToNull(expand.apply(value));
    }

    /** 0 in a number field means "not set": PE's or the agent's own default. */
    static Integer unsetIfZero(int value) {
        return value == 0 ? null : value;
    }

    private static CompletableFuture<Submission> submit(
            PeSession session, PeInstallation installation, Run<?, ?> run, BuildLog log, JobInput input) {
        return PeExecution.core()
                .submitJob(
                        session,
                        installation.serviceUrls(),
                        installation.getName(),
                        input,
                        PeExecution.defaultDescription(run),
                        log);
    }

    /**
     * A build step's run: refuses Pipelines (naming the durable step), expands {@code $VAR} from the build's
     * environment, and waits inside {@code perform}.
     */
    static void perform(
            Run<?, ?> run,
            EnvVars env,
            TaskListener listener,
            Kind kind,
            OrchestratorJobSettings settings,
            Function<UnaryOperator<String>, JobInput> input)
            throws InterruptedException, IOException {
        BuilderRun.requireFreestyle(run, kind.functionName);
        UnaryOperator<String> expand = env::expand;
        JobInput expanded = StepInput.orAbort(() -> input.apply(expand));
        BuilderRun.run(
                run,
                listener,
                settings.getServer() == null ? null : env.expand(settings.getServer()),
                settings.getCredentialsId(),
                settings.isWait(),
                settings.isStopOnAbort(),
                kind.operation,
                (session, installation, log) -> submit(session, installation, run, log, expanded));
    }

    /** A Pipeline step's durable wait for its job; the step itself is not kept (a resumed step never submits). */
    static final class Execution extends PeStepExecution {
        private static final long serialVersionUID = 1L;
        private final transient Supplier<JobInput> input;
        private final boolean stopOnAbort;

        Execution(StepContext context, Kind kind, OrchestratorJobSettings step, Supplier<JobInput> input) {
            super(context, step.getServer(), step.getCredentialsId(), step.isWait(), kind.operation);
            this.input = input;
            this.stopOnAbort = step.isStopOnAbort();
        }

        @Override
        protected CompletableFuture<Submission> submit(
                PeSession session, PeInstallation installation, Run<?, ?> run, BuildLog log) throws AbortException {
            return OrchestratorJobs.submit(session, installation, run, log, StepInput.orAbort(input));
        }

        @Override
        protected boolean stopWorkOnCancel() {
            return stopOnAbort;
        }
    }
}
