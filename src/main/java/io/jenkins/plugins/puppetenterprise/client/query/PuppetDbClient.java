package io.jenkins.plugins.puppetenterprise.client.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.puppetenterprise.client.PeAnswerTooLargeException;
import io.jenkins.plugins.puppetenterprise.client.PeBadRequestException;
import io.jenkins.plugins.puppetenterprise.client.PeErrorTranslator;
import io.jenkins.plugins.puppetenterprise.client.PeService;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.PeUnexpectedResponseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * PuppetDB's root query endpoint ({@code POST /pdb/query/v4}, pe-api-jobs.md section 8) with the
 * session's RBAC token, over the installation's verified TLS. A query is a read: it is repeated on
 * transient failures. Answers become plain Java values (String, Number, Boolean, null, ArrayList,
 * LinkedHashMap), one map per row.
 */
public final class PuppetDbClient {
    /** What PE calls the permission PuppetDB asks for. */
    public static final String PERMISSION = "Nodes » View node data from PuppetDB (nodes:view_data:*)";

    static final String PATH = "/pdb/query/v4";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> ROW = new TypeReference<>() {};

    private final PeSession session;

    public PuppetDbClient(PeSession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    /**
     * Sends the query once (repeated only on transient failures) and gives every row PuppetDB
     * answered: up to {@code limit + 1} rows, or all of them for a query that pages itself.
     * Deciding what too many rows mean is the caller's.
     */
    public CompletableFuture<List<Map<String, Object>>> query(PuppetDbQuery query) {
        String action = "run PuppetDB query " + query.describe();
        return session.postRead(PeService.PUPPETDB, PATH, query.body(), action, PERMISSION)
                .handle((json, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(reword(query, unwrap(failure)));
                    }
                    return rows(query, json);
                });
    }

    private static List<Map<String, Object>> rows(PuppetDbQuery query, JsonNode json) {
        if (!json.isArray()) {
            throw unexpected(query, "a JSON array of rows", json);
        }
        List<Map<String, Object>> rows = new ArrayList<>(json.size());
        for (JsonNode row : json) {
            if (!row.isObject()) {
                throw unexpected(query, "rows that are JSON objects", json);
            }
            rows.add(JSON.convertValue(row, ROW));
        }
        return rows;
    }

    private static PeUnexpectedResponseException unexpected(PuppetDbQuery query, String expected, JsonNode json) {
        String text = json.isMissingNode() ? "(empty body)" : json.toString();
        String shown = text.length() > 200 ? text.substring(0, 200) + "…" : text;
        String fix = "Check that the PuppetDB URL in the PE installation settings points at PuppetDB's port 8081.";
        return new PeUnexpectedResponseException(
                "Could not run PuppetDB query " + query.describe() + ": PuppetDB answered but not with " + expected
                        + ": \"" + shown + "\". Fix: " + fix,
                200,
                null,
                shown,
                null,
                fix);
    }

    /**
     * PuppetDB's 400 is a plain-text parse or field error, and a 200 that is not complete JSON is
     * a query that failed while its rows streamed (a query timeout): both say so with the query.
     */
    private static Throwable reword(PuppetDbQuery query, Throwable failure) {
        if (failure instanceof PeBadRequestException refused && refused.status() == 400 && refused.kind() == null) {
            String fix = "Correct the query (PQL syntax, entity and field names) and try it with"
                    + " 'puppet query' on the primary server.";
            return new PeBadRequestException(
                    "PuppetDB refused the query " + query.describe() + ": \"" + refused.peMessage() + "\" (HTTP 400)."
                            + " Fix: " + fix,
                    400,
                    null,
                    refused.peMessage(),
                    null,
                    fix,
                    refused);
        }
        if (failure instanceof PeUnexpectedResponseException cut && cut.status() == 200) {
            String fix = "Narrow the query with a filter or a projection (entity[field, ...]) so that it ends"
                    + " within PuppetDB's query timeout, then run the build again.";
            return new PeUnexpectedResponseException(
                    "PuppetDB's answer to the query " + query.describe() + " is not complete JSON: the query failed"
                            + " after its rows began to stream (for example PuppetDB's query timeout): \""
                            + cut.peMessage() + "\". Fix: " + fix,
                    200,
                    null,
                    cut.peMessage(),
                    null,
                    fix,
                    cut);
        }
        if (failure instanceof PeAnswerTooLargeException tooLarge) {
            String fix = "Project only the fields you use (nodes[certname] { ... } rather than nodes { ... }) or"
                    + " lower the step's limit; if answers this large are expected, raise the installation setting "
                    + PeAnswerTooLargeException.SETTING + ".";
            return new PeAnswerTooLargeException(
                    "PuppetDB's answer to the query " + query.describe() + " is larger than "
                            + PeErrorTranslator.megabytes(tooLarge.limitBytes())
                            + ", the most the plugin reads of one answer; the rest was not read. Fix: " + fix,
                    tooLarge.status(),
                    fix,
                    tooLarge.limitBytes());
        }
        return failure;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
