package io.jenkins.plugins.puppetenterprise.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The end of a submission or a watch: a verdict, one sentence for the build log and result
 * (the reason of a failure, or what to check in PE when the outcome is unknown), and a result map
 * of plain values (String, Number, Boolean, List, Map) for a Pipeline to return.
 *
 * <p>Result map keys: {@code verdict} (SUCCESS, FAILURE, UNKNOWN), {@code message} (the summary),
 * {@code server}, {@code marker}; for plans {@code plan}, {@code environment}, {@code planJob},
 * {@code state}, {@code url} (console link), {@code result} (what the plan returned, once
 * finished); for deploys {@code dryRun} and {@code environments}: a map from environment name to
 * a map with {@code status} (always: {@code queued}, {@code new}, {@code deploying},
 * {@code syncing}, {@code synced}, {@code failed}, {@code unknown} or {@code dry-run}) and, when
 * known, {@code id} (absent for dry runs), {@code deploySignature} (the control-repository commit;
 * only for {@code synced}, and absent when PE's file-sync status did not list the environment
 * staged after the deploy was queued) and {@code error} ({@code kind}, {@code message}; only for
 * {@code failed}). The file-sync commits ({@code environmentCommit}, {@code codeCommit}) are only
 * in answers to a deploy sent with {@code wait}; the core queues deploys and polls, so its results
 * never have them.
 *
 * <p>When PE refused the submission itself (nothing was started), {@code error} holds PE's
 * {@code kind} and, as {@code message}, the essential line of PE's text (bounded, masked; see
 * {@code client.EssentialLine}), for plans and deploys alike.
 *
 * <p>Plan keys that may be absent: {@code planJob} and {@code url} (no plan job known),
 * {@code state} (never read), {@code result} (not finished), {@code error} (not failed, or PE gave
 * no error object).
 *
 * <p>Puppet-run and task keys: {@code kind} ({@code puppetRun} or {@code task}), {@code task},
 * {@code environment} ({@code ""}: each node's own), {@code noop}, {@code job} and {@code url}
 * (once known), {@code state}, and once the job ended {@code counts} (nodes per state),
 * {@code pendingChanges} (noop runs with changes), {@code nodes} (per node {@code name},
 * {@code state}, for Puppet runs {@code status}, {@code changed}, {@code failed},
 * {@code outOfSync}, {@code correctiveChange}, for tasks {@code result}, and {@code error},
 * {@code report} when known; failed nodes first, bounded by {@link
 * io.jenkins.plugins.puppetenterprise.core.job.JobResults}) and {@code nodesOmitted}.
 */
public final class Outcome {
    private final Verdict verdict;
    private final String summary;
    private final Map<String, Object> result;

    public Outcome(Verdict verdict, String summary, Map<String, Object> result) {
        this.verdict = Objects.requireNonNull(verdict, "verdict");
        this.summary = Objects.requireNonNull(summary, "summary");
        Map<String, Object> copy = new LinkedHashMap<>(result);
        copy.put("verdict", verdict.name());
        copy.put("message", summary);
        this.result = Collections.unmodifiableMap(copy);
    }

    public Verdict verdict() {
        return verdict;
    }

    public boolean isSuccess() {
        return verdict == Verdict.SUCCESS;
    }

    /** One sentence: what happened, why it failed, or what to check in PE. */
    public String summary() {
        return summary;
    }

    /** Plain values only; see the class comment for the keys. */
    public Map<String, Object> result() {
        return result;
    }

    @Override
    public String toString() {
        return "Outcome[" + verdict + ": " + summary + "]";
    }
}
