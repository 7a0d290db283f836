package io.jenkins.plugins.puppetenterprise.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import io.jenkins.plugins.puppetenterprise.client.job.Job;
import io.jenkins.plugins.puppetenterprise.client.job.JobNode;
import io.jenkins.plugins.puppetenterprise.core.TextMask;
import io.jenkins.plugins.puppetenterprise.core.Verdict;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verdict rules of pe-api-jobs.md 4.9.11 on PE's answer shapes, with the alternatives it leaves open. */
class JobVerdictTest {
    private static final JobLinks LINKS = new JobLinks(URI.create("https://console.example.com"));

    private static JsonNode json(String text) {
        try {
            return LenientJson.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Job job(String state, long nodeCount) {
        return Job.from(json("{\"name\": \"81\", \"state\": \"" + state + "\", \"node_count\": " + nodeCount + "}"));
    }

    private static JobNode node(String name, String state, String result) {
        return JobNode.from(json("{\"name\": \"" + name + "\", \"state\": \"" + state + "\", \"details\":"
                + " {\"message\": \"msg of " + name + "\", \"report-url\": \"https://pe-internal:443/#/cm/report/abc\"}"
                + (result == null ? "" : ", \"result\": " + result) + "}"));
    }

    private static JobVerdict task(Job job, List<JobNode> nodes, Integer requested) {
        return JobVerdict.of("Task job 81", job, nodes, true, requested, false, false, TextMask.NONE, LINKS);
    }

    private static JobVerdict run(Job job, List<JobNode> nodes, Integer requested) {
        return JobVerdict.of("Puppet run job 81", job, nodes, false, requested, false, false, TextMask.NONE, LINKS);
    }

    @Test
    void everyTaskErrorMarkerFailsTheNode() {
        JobVerdict verdict = task(
                job("finished", 5),
                List.of(
                        node("a", "finished", "{\"status\": \"ok\"}"),
                        node("b", "finished", "{\"_error\": \"plain string error\"}"),
                        node(
                                "c",
                                "finished",
                                "{\"kind\": \"puppetlabs.orchestrator/execution-failure\", \"msg\":"
                                        + " \"agent too old\", \"details\": {}}"),
                        node("d", "finished", "{\"error\": \"Invalid task name 'package::status'\"}"),
                        node("e", "finished", "{\"output\": \"fine\\n\"}")),
                null);
        assertThat(verdict.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(verdict.failedNodes()).isEqualTo(3);
        assertThat(verdict.nodes())
                .extracting(n -> n.get("error"))
                .containsExactly(
                        "plain string error", "agent too old", "Invalid task name 'package::status'", null, null);
    }

    @Test
    void aLegacyErrorKeyFailsTheNodeWhateverItHolds() {
        JobVerdict verdict = task(
                job("finished", 3),
                List.of(
                        node("a", "finished", "{\"error\": {\"msg\": \"disk full\", \"code\": 28}}"),
                        node("b", "finished", "{\"error\": true}"),
                        node("c", "finished", "{\"error\": null, \"status\": \"ok\"}")),
                null);
        assertThat(verdict.failedNodes()).isEqualTo(2);
        assertThat(verdict.nodes())
                .extracting(n -> n.get("name"), n -> n.get("error"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", "disk full"),
                        org.assertj.core.groups.Tuple.tuple("b", "the task reported an error"),
                        org.assertj.core.groups.Tuple.tuple("c", null));
    }

    @Test
    void fewerNodeItemsThanRequestedOrCountedFail() {
        List<JobNode> one = List.of(node("a", "finished", "{\"status\": \"ok\"}"));
        assertThat(task(job("finished", 1), one, 2).summary())
                .isEqualTo("Task job 81 finished, but PE reported 1 of 2 nodes (nodes the PE user may not run on are"
                        + " left out).");
        assertThat(task(job("finished", 3), one, null).verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(task(job("finished", 1), one, 1).verdict()).isEqualTo(Verdict.SUCCESS);
    }

    @Test
    void stoppedAndFailedJobsFailEvenWhenEveryNodeSucceeded() {
        List<JobNode> ok = List.of(node("a", "finished", "{\"status\": \"unchanged\", \"metrics\": {\"failed\": 0}}"));
        assertThat(run(job("stopped", 1), ok, 1).summary())
                .isEqualTo("Puppet run job 81 was stopped before it completed.");
        assertThat(run(job("failed", 1), ok, 1).verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(run(job("finished", 1), ok, 1).verdict()).isEqualTo(Verdict.SUCCESS);
    }

    @Test
    void aFinishedNodeWithFailedResourcesFailsAndSkippedOrStoppedNodesFail() {
        JobVerdict verdict = run(
                job("finished", 3),
                List.of(
                        node("a", "finished", "{\"status\": \"changed\", \"metrics\": {\"failed\": 2}}"),
                        node("b", "skipped", null),
                        node("c", "stopped", null)),
                3);
        assertThat(verdict.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(verdict.summary()).contains("3 of 3 nodes failing: a (finished), b (skipped), c (stopped)");
        assertThat(verdict.nodes().get(0).get("error")).isEqualTo("msg of a (2 failed resources)");
        assertThat(verdict.nodes().get(0).get("report"))
                .as("PE's report link, on the configured console")
                .isEqualTo("https://console.example.com/#/cm/report/abc");
    }

    @Test
    void theResultMapIsBoundedWithFailedNodesKept() {
        List<JobNode> nodes = new ArrayList<>();
        for (int i = 0; i < JobResults.MAX_NODES + 50; i++) {
            nodes.add(node("ok" + i, "finished", "{\"status\": \"" + "x".repeat(10) + "\"}"));
        }
        nodes.add(node(
                "bad", "failed", "{\"_error\": {\"msg\": \"boom\"}, \"_output\": \"" + "y".repeat(10_000) + "\"}"));
        JobVerdict verdict = task(job("finished", nodes.size()), nodes, null);
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        JobResults.putNodes(result, verdict.nodes());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> kept = (List<Map<String, Object>>) result.get("nodes");
        assertThat(kept).hasSize(JobResults.MAX_NODES);
        assertThat(kept.get(0)).containsEntry("name", "bad");
        assertThat(((String) kept.get(0).get("result")).length()).isLessThan(JobResults.MAX_RESULT_CHARS + 100);
        assertThat(result).containsEntry("nodesOmitted", 51);
    }

    @Test
    void errorTextsAreCutAndTheNodesStayWithinThePlansResultBoundFailedNodesFirst() throws Exception {
        String big = "z".repeat(JobResults.MAX_RESULT_CHARS * 2);
        List<JobNode> nodes = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            nodes.add(node("ok" + i, "finished", "{\"_output\": \"" + big + "\"}"));
        }
        for (int i = 0; i < 100; i++) {
            nodes.add(JobNode.from(json("{\"name\": \"bad" + i + "\", \"state\": \"failed\", \"details\":"
                    + " {\"message\": \"" + big + "\"}, \"result\": {\"_error\": {\"msg\": \"boom\"},"
                    + " \"_output\": \"" + big + "\"}}")));
        }
        JobVerdict verdict = task(job("finished", nodes.size()), nodes, null);
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        JobResults.putNodes(result, verdict.nodes());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> kept = (List<Map<String, Object>>) result.get("nodes");
        String error = (String) kept.get(0).get("error");
        assertThat(error)
                .startsWith("z".repeat(JobResults.MAX_RESULT_CHARS) + "…")
                .endsWith("(cut at 4096 characters; the whole message is in the PE console)")
                .hasSizeLessThan(JobResults.MAX_RESULT_CHARS + 100);
        assertThat(LenientJson.MAPPER.writeValueAsBytes(kept).length)
                .isLessThanOrEqualTo(JobResults.MAX_NODES_JSON_BYTES);
        assertThat(kept.subList(0, 100))
                .allSatisfy(n -> assertThat((String) n.get("name")).startsWith("bad"));
        assertThat(kept.size()).isBetween(101, 159);
        assertThat(result).containsEntry("nodesOmitted", nodes.size() - kept.size());
    }
}
