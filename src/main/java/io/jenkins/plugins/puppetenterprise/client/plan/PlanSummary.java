package io.jenkins.plugins.puppetenterprise.client.plan;

/**
 * An item of {@code GET /plans}: the plan name, whether the calling user may run it, and the
 * path of its metadata below {@code /orchestrator/v1/plans/} (taken from the item's {@code id}),
 * e.g. {@code canary/init}; null when PE sent no usable id.
 */
public record PlanSummary(String name, boolean permitted, String metadataPath) {}
