package io.jenkins.plugins.puppetenterprise.client.plan;

import java.util.List;

/** A page of {@code GET /plan_jobs}; {@code total} is null on releases before 2021.7 that sent null. */
public record PlanJobList(List<PlanJob> items, Long total, Long limit, Long offset) {
    public PlanJobList {
        items = List.copyOf(items);
    }
}
