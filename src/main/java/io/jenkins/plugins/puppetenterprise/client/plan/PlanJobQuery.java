package io.jenkins.plugins.puppetenterprise.client.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters of {@code GET /plan_jobs}. Ordering is always sent explicitly because older releases
 * sort by name otherwise. The default is the newest 50 jobs without their results.
 */
public record PlanJobQuery(int limit, int offset, String orderBy, boolean descending, boolean includeResults) {

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
        return new PlanJobQuery(limit, 0, "timestamp", true, false);
    }

    public PlanJobQuery withOffset(int newOffset) {
        return new PlanJobQuery(limit, newOffset, orderBy, descending, includeResults);
    }

    public PlanJobQuery withResults(boolean include) {
        return new PlanJobQuery(limit, offset, orderBy, descending, include);
    }

    Map<String, String> toQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", Integer.toString(limit));
        query.put("offset", Integer.toString(offset));
        query.put("order_by", orderBy);
        query.put("order", descending ? "desc" : "asc");
        query.put("results", includeResults ? "include" : "exclude");
        return query;
    }
}
