package io.jenkins.plugins.puppetenterprise.jenkins;

import io.jenkins.plugins.puppetenterprise.core.LogLine;
import io.jenkins.plugins.puppetenterprise.core.Submission;
import io.jenkins.plugins.puppetenterprise.core.TextMask;
import io.jenkins.plugins.puppetenterprise.core.Watch;
import io.jenkins.plugins.puppetenterprise.core.WatchReference;
import io.jenkins.plugins.puppetenterprise.core.WatchSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;

/**
 * Work whose submission was still in flight when the build stopped waiting (abort, Pipeline
 * timeout, interrupt). Once PE answers, a plan that PE accepted is stopped when {@code stopWork}
 * (through a watch that is cancelled at once, so PE's answer is reported in the same words as any
 * other stop); otherwise it is said that the work runs on. Nothing blocks while PE answers.
 */
final class AbandonedSubmission {
    private AbandonedSubmission() {}

    /**
     * @param submission the submission still in flight (or just completed)
     * @param stopWork whether to stop accepted work (plans when asked; deploys cannot be stopped)
     * @param watcher starts a watch of the accepted work, with the submission's mask
     * @param sink where the words go (the build log, while it is open)
     * @return the words saying what happened to the work; never completes exceptionally
     */
    static CompletableFuture<String> settle(
            CompletableFuture<Submission> submission,
            boolean stopWork,
            BiFunction<WatchReference, TextMask, Watch> watcher,
            WatchSink sink) {
        return submission
                .handle((accepted, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause()
                                : failure;
                        return told(sink, "PE did not accept the work: " + cause.getMessage());
                    }
                    if (!accepted.isSubmitted()) {
                        return told(sink, accepted.outcome().summary());
                    }
                    String work = accepted.reference().describe();
                    try {
                        return watcher.apply(accepted.reference(), accepted.mask())
                                .cancel(stopWork)
                                .exceptionally(
                                        stopFailure -> "Could not stop " + work + ": " + stopFailure.getMessage());
                    } catch (RuntimeException e) {
                        return told(sink, "Could not stop " + work + ": " + e.getMessage());
                    }
                })
                .thenCompose(words -> words);
    }

    private static CompletableFuture<String> told(WatchSink sink, String words) {
        sink.log(LogLine.of(words));
        return CompletableFuture.completedFuture(words);
    }
}
