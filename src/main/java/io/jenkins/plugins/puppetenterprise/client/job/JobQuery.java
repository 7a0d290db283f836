package io.jenkins.plugins.puppetenterprise.client.job;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters of {@code GET /jobs} (pe-api-jobs.md 4.9.5). Limit and ordering are always sent, as
 * no default is documented. {@code type} ({@code deploy} or {@code task}) is a 2019.8.0 filter.
 */
public record JobQuery(int limit, int offset, String type) {

    public JobQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }

    /** The newest {@code limit} jobs of this type ({@code deploy}, {@code task}, or null for all). */
    public static JobQuery newest(int limit, String type) {
        return new JobQuery(limit, 0, type);
    }

    Map<String, String> toQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", Integer.toString(limit));
        query.put("offset", Integer.toString(offset));
        query.put("order_by", "timestamp");
        query.put("order", "desc");
        if (type != null) {
            query.put("type", type);
        }
        return query;
    }
}
