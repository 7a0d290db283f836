package io.jenkins.plugins.puppetenterprise.simulator.job;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the nodes of one Puppet-run or task job go: a script per certname, and one for every other
 * node of the job's scope. {@code jobState} is the state the job takes when every node has ended
 * (PE: {@code finished} even when nodes failed; a 2016.4 capture showed {@code failed} for a job
 * whose only node was unreachable).
 */
public record JobScript(NodeScript otherNodes, Map<String, NodeScript> nodes, String jobState) {

    public JobScript {
        Objects.requireNonNull(otherNodes, "otherNodes");
        nodes = Map.copyOf(nodes);
        if (!jobState.equals("finished") && !jobState.equals("failed")) {
            throw new IllegalArgumentException("A job that runs through ends finished or failed; not " + jobState);
        }
    }

    /** Every node runs for {@code runFor} and succeeds. */
    public static JobScript allFinishing(Duration runFor) {
        return new JobScript(NodeScript.finishing(runFor), Map.of(), "finished");
    }

    /** Every node not scripted otherwise follows {@code script}. */
    public static JobScript allNodes(NodeScript script) {
        return new JobScript(script, Map.of(), "finished");
    }

    /** This node follows {@code script}. */
    public JobScript node(String certname, NodeScript script) {
        Map<String, NodeScript> more = new LinkedHashMap<>(nodes);
        more.put(certname, script);
        return new JobScript(otherNodes, more, jobState);
    }

    /** The job ends {@code failed} instead of {@code finished} once its nodes have ended. */
    public JobScript endingFailed() {
        return new JobScript(otherNodes, nodes, "failed");
    }

    NodeScript scriptFor(String certname) {
        return nodes.getOrDefault(certname, otherNodes);
    }
}
