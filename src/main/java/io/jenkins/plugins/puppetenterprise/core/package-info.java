/**
 * The execution core shared by every front end: validating a request, submitting it once,
 * watching it without holding a thread, and turning the outcome into log lines, a result map
 * and a verdict. Free of Jenkins; it speaks to PE only through {@code client}.
 *
 * <h2>How a front end uses it</h2>
 *
 * <ol>
 *   <li>Validate: {@link io.jenkins.plugins.puppetenterprise.core.deploy.CodeDeployInput#builder()} or
 *       {@link io.jenkins.plugins.puppetenterprise.core.plan.PlanRunInput#builder()}, then {@code build()},
 *       which throws {@link io.jenkins.plugins.puppetenterprise.core.input.InvalidInputException} listing
 *       every {@link io.jenkins.plugins.puppetenterprise.core.input.InputProblem} (field and fix) before
 *       anything is sent. {@link io.jenkins.plugins.puppetenterprise.core.input.PuppetNames} checks single
 *       names for form validation.
 *   <li>Submit once: {@link io.jenkins.plugins.puppetenterprise.core.ExecutionCore#submitDeploy} or
 *       {@link io.jenkins.plugins.puppetenterprise.core.ExecutionCore#submitPlanRun} give a
 *       {@link io.jenkins.plugins.puppetenterprise.core.Submission}: either a serializable, secret-free
 *       {@link io.jenkins.plugins.puppetenterprise.core.WatchReference} to persist, or an
 *       {@link io.jenkins.plugins.puppetenterprise.core.Outcome} (PE refused: FAILURE; PE's answer to
 *       the plan_run POST was lost and no job carries the run's marker: UNKNOWN). Never retried.
 *   <li>Not waiting: {@link io.jenkins.plugins.puppetenterprise.core.ExecutionCore#notWaiting}.
 *   <li>Watch, also after a restart from the persisted reference:
 *       {@link io.jenkins.plugins.puppetenterprise.core.ExecutionCore#watch} returns a
 *       {@link io.jenkins.plugins.puppetenterprise.core.Watch}; its {@code outcome()} future completes
 *       when the work ends, the reference's deadline passes or {@code cancel(stopWork)} is called
 *       (which stops a plan in PE when asked and says when PE is too old to, or that deploys cannot
 *       be cancelled). {@code status()} is a line for a Pipeline's status.
 *   <li>Report: lines and links arrive at the {@link io.jenkins.plugins.puppetenterprise.core.WatchSink}
 *       as {@link io.jenkins.plugins.puppetenterprise.core.LogLine}s (text plus an optional link);
 *       {@code progressed(reference)} hands over the advanced reference to persist, and a Puppet run's
 *       or task's {@code nodeProgressed} tells of each node's state as its event arrives (after a
 *       resume, first of every node that has begun, from one read of the job's node list)
 *       ({@link io.jenkins.plugins.puppetenterprise.core.NodeProgress}, masked). The outcome's
 *       {@link io.jenkins.plugins.puppetenterprise.core.Verdict}, {@code summary()} and plain
 *       {@code result()} map become the build result, the failure message and the return value.
 * </ol>
 *
 * <p>One {@link io.jenkins.plugins.puppetenterprise.core.ExecutionCore} per JVM
 * ({@code ExecutionCore.withSharedThreads()}: two threads named {@code pe-watch-N}); tests inject a
 * clock and a {@link io.jenkins.plugins.puppetenterprise.core.WatchScheduler}. Deploys are queued
 * without {@code wait} and followed with {@code GET /deploys/status?id=}.
 *
 * <h2>Packages</h2>
 *
 * This package is the waiting engine every kind of work shares: the core, the watches of plans,
 * deploys and jobs with their references, the sweeps, the request budget and what a watch reports.
 * They stay in one package because {@code Watch} and {@code WatchReference} are sealed (Java keeps
 * a sealed class's subclasses in its package outside modules) and the watches, sweeps and budget
 * work through package-private methods that no front end should call. What is particular to one
 * kind of work and needs none of that has a package of its own: {@code core.deploy},
 * {@code core.plan}, {@code core.job} and {@code core.query}; {@code core.input} holds the input
 * checks they share, {@code core.access} who may use an installation, and {@code core.forms} what
 * the forms learn from PE.
 *
 * <h2>Load on PE</h2>
 *
 * A plan watch sends one request per poll (the new events), and reads the authoritative state when
 * an event says the plan ended and every 20th poll (about five minutes); polls come every
 * {@link io.jenkins.plugins.puppetenterprise.core.PollBackoff#DEFAULT} interval, the first at a
 * random point so watches started or resumed together spread out. All watches of one installation
 * share whether it answers: during an outage one watch probes every two seconds and the others
 * skip their polls on their own rhythm, so PE sees no burst when it comes back. Figures:
 * docs/performance.md.
 */
package io.jenkins.plugins.puppetenterprise.core;
