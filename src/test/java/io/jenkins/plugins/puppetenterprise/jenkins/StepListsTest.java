package io.jenkins.plugins.puppetenterprise.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanJsonArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanValueArgument;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepListsTest {
    @Test
    void aFormTextAndAPipelineListGiveTheSameNames() {
        assertThat(StepLists.names(List.of("production, staging\nfeature_x")))
                .containsExactly("production", "staging", "feature_x");
        assertThat(StepLists.names(List.of("production", "staging"))).containsExactly("production", "staging");
        assertThat(StepLists.names(null)).isEmpty();
        assertThat(StepLists.text(List.of("production", "staging"))).isEqualTo("production\nstaging");
    }

    @Test
    void planArgumentsNeverShowTheirValue() {
        PlanArgument secret = new PlanValueArgument("password", "hunter2");
        assertThat(secret.toString()).doesNotContain("hunter2").contains("password");
        assertThat(secret.toInput().toString()).doesNotContain("hunter2");
        assertThat(new PlanJsonArgument("count", "3").toInput().value()).isEqualTo(3);
    }
}
