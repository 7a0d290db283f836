package io.jenkins.plugins.puppetenterprise.client.plan;

import java.util.List;

/**
 * A batch of {@code GET /plan_jobs/<id>/events?start=}. {@code nextEvent} is PE's
 * {@code next-events.event}, documented inconsistently; prefer asking again with the highest
 * {@link PlanEvent#numericId()} seen plus one.
 */
public record PlanEvents(List<PlanEvent> items, String nextEvent) {
    public PlanEvents {
        items = List.copyOf(items);
    }

    /** The highest numeric event id in this batch, or -1 when empty. */
    public long highestId() {
        return items.stream().mapToLong(PlanEvent::numericId).max().orElse(-1);
    }
}
