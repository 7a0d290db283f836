package io.jenkins.plugins.puppetenterprise.client.job;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters of {@code GET /jobs} (pe-api-jobs.md 4.9.5). Limit and ordering are always sent, as
 * no default is documented. {@code type} ({@code deploy} or {@code task}) is a 2019.8.0 filter.
 *
 * @param minFinish only jobs that finished at or after this time on PE's clock
 *     ({@code min_finish_timestamp}, PE 2021.6 and later; older releases ignore it), or null for all
 */
public record JobQuery(int limit, int offset, String type, boolean descending, Instant minFinish) {

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
        return new JobQuery(limit, 0, type, true, null);
    }

    /** Jobs of every type that finished at or after {@code since} (PE's clock), oldest change first. */
    public static JobQuery finishedSince(Instant since, int limit) {
        return new JobQuery(limit, 0, null, false, since);
    }

    public JobQuery withOffset(int newOffset) {
        return new JobQuery(limit, newOffset, type, descending, minFinish);
    }

    Map<String, String> toQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", Integer.toString(limit));
        query.put("offset", Integer.toString(offset));
        query.put("order_by", "timestamp");
        query.put("order", descending ? "desc" : "asc");
        if (type != null) {
            query.put("type", type);
        }
        if (minFinish != null) {
            query.put(
                    "min_finish_timestamp",
                    minFinish.truncatedTo(ChronoUnit.MILLIS).toString());
        }
        return query;
    }
}
