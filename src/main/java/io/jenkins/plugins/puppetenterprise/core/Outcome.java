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
 * {@code status}, {@code id}, {@code deploySignature}, {@code environmentCommit}, {@code codeCommit},
 * {@code error} ({@code kind}, {@code message}) as far as PE reported them.
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
