package io.jenkins.plugins.puppetenterprise.core.query;

import io.jenkins.plugins.puppetenterprise.client.PeApiException;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.query.PuppetDbClient;
import io.jenkins.plugins.puppetenterprise.core.LogLine;
import io.jenkins.plugins.puppetenterprise.core.Outcome;
import io.jenkins.plugins.puppetenterprise.core.Verdict;
import io.jenkins.plugins.puppetenterprise.core.WatchSink;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs one PuppetDB query for a front end: one request (a read, so a front end resumed after a
 * restart simply sends it again), no thread held while PuppetDB answers, and more rows than the
 * limit is a failure in words, never a silently shortened answer.
 *
 * <p>Outcome result keys: {@code verdict}, {@code message}, {@code server}, {@code query} (as
 * shown in messages), {@code limit}, and on success {@code rows} (a list of maps of plain values)
 * and {@code count}.
 */
public final class PuppetDbQueryRun {
    private PuppetDbQueryRun() {}

    /**
     * @param server the installation's name, for messages and the result
     * @return completes with the outcome; fails only for an error that is not PE's (a bug)
     */
    public static CompletableFuture<Outcome> run(
            PeSession session, String server, PuppetDbQueryInput input, WatchSink sink) {
        sink.log(LogLine.of(input.describe() + " on " + server + "."));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("server", server);
        result.put("query", input.query().describe());
        result.put("limit", input.limit());
        return new PuppetDbClient(session).query(input.query()).handle((rows, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                if (!(cause instanceof PeApiException)) {
                    throw new CompletionException(cause);
                }
                sink.log(LogLine.of(cause.getMessage()));
                return new Outcome(Verdict.FAILURE, cause.getMessage(), result);
            }
            if (rows.size() > input.limit()) {
                String summary = "PuppetDB query " + input.query().describe() + " returned more than "
                        + input.limit() + " rows (limit: " + input.limit() + "); no rows are returned rather than"
                        + " a cut list. Fix: narrow the query with a filter, or raise limit if every row is"
                        + " needed; project only the fields you use (entity[field, ...]) to keep the answer small.";
                sink.log(LogLine.of(summary));
                return new Outcome(Verdict.FAILURE, summary, result);
            }
            String summary = "PuppetDB query returned " + rows.size() + (rows.size() == 1 ? " row." : " rows.");
            sink.log(LogLine.of(summary));
            result.put("rows", rows);
            result.put("count", rows.size());
            return new Outcome(Verdict.SUCCESS, summary, result);
        });
    }
}
