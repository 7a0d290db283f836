package io.jenkins.plugins.puppetenterprise.client.plan;

import java.util.List;

/** {@code GET /plans}: the plans of one environment. */
public record PlanList(String environment, List<PlanSummary> items) {
    public PlanList {
        items = List.copyOf(items);
    }

    /** The names of the plans the calling user may run. */
    public List<String> permittedNames() {
        return items.stream()
                .filter(PlanSummary::permitted)
                .map(PlanSummary::name)
                .toList();
    }
}
