package io.jenkins.plugins.puppetenterprise.core;

/**
 * Where a submission or a watch reports as things happen. Calls for one watch come one at a time,
 * in order, from the core's threads; implementations must return quickly and must not block.
 */
public interface WatchSink {
    /** A line for the build log. */
    void log(LogLine line);

    /**
     * The reference has advanced (a plan job name found by its marker, new events read). A
     * Pipeline saves it so a resumed watch neither repeats nor misses lines. Default: ignore.
     */
    default void progressed(WatchReference reference) {}

    /**
     * A node of a Puppet run or task reached a state (its job's event arrived); after a resume
     * from a saved event cursor also once for each node that has begun, from the job's node list
     * (the events before the cursor went to the sink before the restart). Default: ignore.
     */
    default void nodeProgressed(NodeProgress progress) {}
}
