package io.jenkins.plugins.puppetenterprise.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.puppetenterprise.core.Outcome;
import io.jenkins.plugins.puppetenterprise.core.Verdict;
import io.jenkins.plugins.puppetenterprise.core.job.JobResults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the glue makes of the core's outcomes: the build summary's lines and a Pipeline's value. */
class PeExecutionTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private static Outcome deploy() {
        Map<String, Object> environments = new LinkedHashMap<>();
        environments.put("production", Map.of("status", "synced", "id", 1, "deploySignature", "c23abb04"));
        environments.put(
                "broken",
                Map.of("status", "failed", "id", 2, "error", Map.of("kind", "deploy-failure", "message", "no branch")));
        return new Outcome(
                Verdict.FAILURE,
                "1 environment failed to deploy: broken",
                Map.of("server", "pe", "dryRun", false, "environments", environments));
    }

    @Test
    void deploySummaryShowsTheDeployedCommitAndTheFailure() {
        assertThat(PeExecution.records("Code deploy", deploy(), NOW))
                .extracting(PeOperationRecord::getTarget, PeOperationRecord::getStatus, PeOperationRecord::getDetails)
                .containsExactly(
                        tuple("production", "synced", "commit c23abb04"), tuple("broken", "failed", "no branch"));
    }

    @Test
    void pipelineValueIsPlainMutableCollectionsAllTheWayDown() {
        Object value = PeExecution.pipelineValue(deploy().result());

        assertThat(value).isExactlyInstanceOf(LinkedHashMap.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) value;
        assertThat(result).containsEntry("verdict", "FAILURE").containsEntry("server", "pe");
        assertThat(result.get("environments")).isExactlyInstanceOf(LinkedHashMap.class);
        Map<?, ?> broken = (Map<?, ?>) ((Map<?, ?>) result.get("environments")).get("broken");
        assertThat(broken).isExactlyInstanceOf(LinkedHashMap.class);
        assertThat(broken.get("error")).isExactlyInstanceOf(LinkedHashMap.class);
        assertThat(PeExecution.pipelineValue(List.of(Map.of("a", List.of(1)))))
                .isExactlyInstanceOf(ArrayList.class)
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .singleElement()
                .isEqualTo(Map.of("a", List.of(1)))
                .isExactlyInstanceOf(LinkedHashMap.class);
        result.put("note", "a script may add to its copy");
        assertThat(deploy().result()).doesNotContainKey("note");
    }

    private static Outcome puppetRun(int nodeCount) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        nodes.add(Map.of(
                "name", "web02", "state", "failed", "error", "catalog failed", "report", "https://pe/#/cm/report/ab"));
        for (int i = 0; i < nodeCount - 1; i++) {
            nodes.add(Map.of(
                    "name",
                    "ok" + i,
                    "state",
                    "finished",
                    "changed",
                    2L,
                    "outOfSync",
                    2L,
                    "report",
                    "javascript:alert(1)"));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("server", "pe");
        result.put("kind", "puppetRun");
        result.put("noop", false);
        result.put("job", "81");
        result.put("state", "finished");
        result.put("url", "https://pe/#/run/jobs/81");
        result.put("counts", Map.of("failed", 1, "finished", nodeCount - 1));
        result.put("nodes", nodes);
        return new Outcome(
                Verdict.FAILURE, "Puppet run job 81 finished with 1 of 3 nodes failing: web02 (failed).", result);
    }

    @Test
    void puppetRunSummaryListsNodesFailedFirstBoundedWithSafeLinks() {
        PeOperationRecord record =
                PeExecution.records("Puppet run", puppetRun(30), NOW).get(0);
        assertThat(record.getTarget()).isEqualTo("Puppet run (job 81)");
        assertThat(record.getStatus()).isEqualTo("finished");
        assertThat(record.getDetails()).contains("web02 (failed)");
        assertThat(record.getConsoleUrl()).isEqualTo("https://pe/#/run/jobs/81");
        assertThat(record.getNodes()).hasSize(PeOperationRecord.MAX_NODES);
        assertThat(record.getNodesOmitted()).isEqualTo(30 - PeOperationRecord.MAX_NODES);
        assertThat(record.getNodes().get(0).getName()).isEqualTo("web02");
        assertThat(record.getNodes().get(0).getDetails()).isEqualTo("catalog failed");
        assertThat(record.getNodes().get(0).getReportUrl()).isEqualTo("https://pe/#/cm/report/ab");
        assertThat(record.getNodes().get(1).getReportUrl())
                .as("only http(s) links")
                .isNull();
        assertThat(record.getNodes().get(1).getDetails()).isEqualTo("2 changed, 2 out of sync");
    }

    @Test
    void failedJobSummaryShowsCountsPerNodeStateBesideTheReason() {
        PeOperationRecord record =
                PeExecution.records("Puppet run", puppetRun(3), NOW).get(0);
        assertThat(record.getDetails())
                .contains("1 failed")
                .contains("2 finished")
                .contains("web02 (failed)");
    }

    @Test
    void nodesOmittedCountsFromTheJobsNodeTotalNotFromTheNodesKeptInTheResult() {
        // the core keeps 200 node entries of a 1,000-node job and says how many it left out
        Outcome outcome = puppetRun(JobResults.MAX_NODES);
        Map<String, Object> result = new LinkedHashMap<>(outcome.result());
        result.put("counts", Map.of("failed", 1, "finished", 999));
        result.put("nodesOmitted", 1000 - JobResults.MAX_NODES);
        PeOperationRecord record = PeExecution.records(
                        "Puppet run", new Outcome(outcome.verdict(), outcome.summary(), result), NOW)
                .get(0);
        assertThat(record.getNodes()).hasSize(PeOperationRecord.MAX_NODES);
        assertThat(record.getNodesOmitted()).isEqualTo(1000 - PeOperationRecord.MAX_NODES);

        // without nodesOmitted (an older result), the counts per state give the total
        result.remove("nodesOmitted");
        record = PeExecution.records("Puppet run", new Outcome(outcome.verdict(), outcome.summary(), result), NOW)
                .get(0);
        assertThat(record.getNodesOmitted()).isEqualTo(1000 - PeOperationRecord.MAX_NODES);
    }

    @Test
    void puppetRunOutcomeIsExportedAsJobVariables() {
        PeEnvironmentAction action = new PeEnvironmentAction();
        action.put(puppetRun(3).result());
        assertThat(action.variables())
                .containsEntry("PE_JOB", "81")
                .containsEntry("PE_JOB_STATE", "finished")
                .containsEntry("PE_JOB_URL", "https://pe/#/run/jobs/81")
                .containsEntry("PE_FAILED_NODES", "web02")
                .containsEntry("PE_NODES_FAILED", "1")
                .containsEntry("PE_NODES_FINISHED", "2")
                .containsEntry("PE_VERDICT", "FAILURE");
    }

    @Test
    void eachStepReplacesItsKindsVariablesAndLeavesTheOtherKinds() {
        PeEnvironmentAction action = new PeEnvironmentAction();
        action.put(Map.of(
                "verdict",
                "SUCCESS",
                "server",
                "pe",
                "planJob",
                "12",
                "state",
                "success",
                "url",
                "https://pe/#/plan/12"));
        action.put(puppetRun(3).result());
        action.put(Map.of(
                "verdict",
                "SUCCESS",
                "server",
                "pe",
                "job",
                "82",
                "state",
                "finished",
                "url",
                "https://pe/#/run/jobs/82",
                "counts",
                Map.of("finished", 3),
                "nodes",
                List.of(Map.of("name", "web01"))));

        assertThat(action.variables())
                .containsEntry("PE_PLAN_JOB", "12")
                .containsEntry("PE_PLAN_STATE", "success")
                .containsEntry("PE_PLAN_URL", "https://pe/#/plan/12")
                .containsEntry("PE_JOB", "82")
                .containsEntry("PE_JOB_URL", "https://pe/#/run/jobs/82")
                .containsEntry("PE_NODES_FINISHED", "3")
                .containsEntry("PE_FAILED_NODES", "")
                .containsEntry("PE_VERDICT", "SUCCESS")
                .doesNotContainKeys("PE_NODES_FAILED", "PE_MESSAGE");
    }
}
