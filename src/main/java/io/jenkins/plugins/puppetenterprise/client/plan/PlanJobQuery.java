package io.jenkins.plugins.puppetenterprise.client.plan;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters of {@code GET /plan_jobs}. Ordering is always sent explicitly because older releases
 * sort by name otherwise.
 *
 * @param minFinish only jobs that finished at or after this time on PE's clock
 *     ({@code min_finish_timestamp}, PE 2021.x and later; older releases ignore it), or null for all
 */
public record PlanJobQuery(
        int limit, int offset, String orderBy, boolean descending, boolean includeResults, Instant minFinish) {

    public PlanJobQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        if (!java.util.Set.of("owner", "timestamp", "environment", "name", "state")
                .contains(orderBy)) {
            throw new IllegalArgumentException(
                    "order_by must be one of owner, timestamp, environment, name, state, not " + orderBy);
        }
    }

    public static PlanJobQuery newest(int limit) {
        return new PlanJobQuery(limit, 0, "timestamp", true, false, null);
    }

    /** Jobs that finished at or after {@code since} (PE's clock), oldest change first, without results. */
    public static PlanJobQuery finishedSince(Instant since, int limit) {
        return new PlanJobQuery(limit, 0, "timestamp", false, false, since);
    }

    public PlanJobQuery withOffset(int newOffset) {
        return new PlanJobQuery(limit, newOffset, orderBy, descending, includeResults, minFinish);
    }

    public PlanJobQuery withResults(boolean include) {
        return new PlanJobQuery(limit, offset, orderBy, descending, include, minFinish);
    }

    Map<String, String> toQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", Integer.toString(limit));
        query.put("offset", Integer.toString(offset));
        query.put("order_by", orderBy);
        query.put("order", descending ? "desc" : "asc");
        query.put("results", includeResults ? "include" : "exclude");
        if (minFinish != null) {
            query.put(
                    "min_finish_timestamp",
                    minFinish.truncatedTo(ChronoUnit.MILLIS).toString());
        }
        return query;
    }
}
