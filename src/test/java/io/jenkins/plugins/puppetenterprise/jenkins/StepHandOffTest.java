package io.jenkins.plugins.puppetenterprise.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A stop sees the submission in flight or the watch, never neither, and nothing starts after it. */
class StepHandOffTest {
    private final StepHandOff<String, String> handOff = new StepHandOff<>();

    /** Runs a stop on another thread; returns once it finished or waits for the hand-off's lock. */
    private Thread stopMeanwhile(AtomicReference<StepHandOff.Stopped<String, String>> found) throws Exception {
        Thread stopper = new Thread(() -> found.set(handOff.stop()), "abort");
        stopper.start();
        while (stopper.getState() != Thread.State.BLOCKED && stopper.getState() != Thread.State.TERMINATED) {
            Thread.onSpinWait();
        }
        return stopper;
    }

    @Test
    void aStopWhileTheAcceptedWorkIsHandedToItsWatchFindsTheWatch() throws Exception {
        CompletableFuture<String> submission = handOff.submit(() -> new CompletableFuture<>());
        AtomicReference<StepHandOff.Stopped<String, String>> found = new AtomicReference<>();
        Thread[] stopper = new Thread[1];

        boolean handedOver = handOff.answered(() -> {
            try {
                stopper[0] = stopMeanwhile(found); // the abort arrives while the watch is being made
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return "watch of plan job 42";
        });
        stopper[0].join();

        assertThat(submission).isNotNull();
        assertThat(handedOver).isTrue();
        assertThat(found.get().pending()).as("the submission was answered").isNull();
        assertThat(found.get().watch()).as("so the stop cancels the watch").isEqualTo("watch of plan job 42");
    }

    @Test
    void aStopWhileSubmittingFindsTheSubmission() throws Exception {
        CompletableFuture<String> inFlight = new CompletableFuture<>();
        AtomicReference<StepHandOff.Stopped<String, String>> found = new AtomicReference<>();
        Thread[] stopper = new Thread[1];

        handOff.submit(() -> {
            stopper[0] = stopMeanwhile(found);
            return inFlight;
        });
        stopper[0].join();

        assertThat(found.get().pending()).isSameAs(inFlight);
        assertThat(handOff.answered(() -> "a watch nobody would cancel"))
                .as("the stop took the submission over")
                .isFalse();
        assertThat(handOff.current()).isNull();
    }

    @Test
    void nothingIsSentOrWatchedAfterAStop() throws Exception {
        handOff.begin();
        handOff.stop();

        assertThat(handOff.submit(() -> {
                    throw new AssertionError("sent after the stop");
                }))
                .isNull();
        assertThat(handOff.watch(() -> {
                    throw new AssertionError("watched after the stop");
                }))
                .isNull();
        assertThat(handOff.begin()).as("a resume after the stop does nothing").isFalse();
    }

    @Test
    void aStopBeforeTheStepBeganInThisJenkinsSaysSo() {
        assertThat(handOff.stop().begun()).isFalse();
        StepHandOff<String, String> resumed = new StepHandOff<>();
        resumed.begin();
        assertThat(resumed.stop().begun()).isTrue();
    }
}
