package io.jenkins.plugins.puppetenterprise.client.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One query for PuppetDB's root endpoint, in PQL or as an AST, and the row limit to ask for. The
 * request carries {@code limit + 1} so that one row too many shows that the answer was cut; a
 * query with its own {@code limit}, {@code offset} or {@code order by} gets no paging keys, as
 * PuppetDB leaves a conflict between the two undefined (pe-api-jobs.md 8.2).
 */
public final class PuppetDbQuery {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN_LENGTH = 120;
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern PQL_PAGING = Pattern.compile("(?i)\\b(?:limit|offset)\\s+\\d+|\\border\\s+by\\b");
    private static final Set<String> AST_PAGING = Set.of("limit", "offset", "order_by");

    private final String pql;
    private final JsonNode ast;
    private final int limit;

    private PuppetDbQuery(String pql, JsonNode ast, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.pql = pql;
        this.ast = ast;
        this.limit = limit;
    }

    /** A query in PuppetDB's query language, such as {@code nodes[certname] { }}. */
    public static PuppetDbQuery pql(String query, int limit) {
        return new PuppetDbQuery(Objects.requireNonNull(query, "query"), null, limit);
    }

    /** A query as an AST array, such as {@code ["from", "nodes", ["=", "certname", "web01"]]}. */
    public static PuppetDbQuery ast(JsonNode query, int limit) {
        if (query == null || !query.isArray()) {
            throw new IllegalArgumentException("an AST query is a JSON array");
        }
        return new PuppetDbQuery(null, query, limit);
    }

    /** The most rows the caller accepts; the request asks for one more unless the query pages itself. */
    public int limit() {
        return limit;
    }

    /** Whether the query carries its own {@code limit}, {@code offset} or {@code order by}. */
    public boolean pagesItself() {
        if (ast != null) {
            return hasAstPaging(ast);
        }
        String withoutStrings = STRING_LITERAL.matcher(pql).replaceAll("\"\"");
        return PQL_PAGING.matcher(withoutStrings).find();
    }

    private static boolean hasAstPaging(JsonNode node) {
        if (!node.isArray()) {
            return false;
        }
        if (node.size() > 0
                && node.get(0).isTextual()
                && AST_PAGING.contains(node.get(0).asText())) {
            return true;
        }
        for (JsonNode child : node) {
            if (hasAstPaging(child)) {
                return true;
            }
        }
        return false;
    }

    /** The request body for {@code POST /pdb/query/v4}. */
    public ObjectNode body() {
        ObjectNode body = JSON.createObjectNode();
        if (ast != null) {
            body.set("query", ast.deepCopy());
        } else {
            body.put("query", pql);
        }
        if (!pagesItself()) {
            body.put("limit", limit + 1);
        }
        return body;
    }

    /** The query in quotes for messages: on one line and cut after 120 characters. */
    public String describe() {
        String text =
                (ast != null ? ast.toString() : pql).replaceAll("\\s+", " ").strip();
        return "'" + (text.length() > SHOWN_LENGTH ? text.substring(0, SHOWN_LENGTH) + "…" : text) + "'";
    }

    @Override
    public String toString() {
        return "PuppetDbQuery[" + describe() + ", limit=" + limit + "]";
    }
}
