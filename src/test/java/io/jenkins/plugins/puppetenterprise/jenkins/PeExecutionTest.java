package io.jenkins.plugins.puppetenterprise.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.puppetenterprise.core.Outcome;
import io.jenkins.plugins.puppetenterprise.core.Verdict;
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
}
