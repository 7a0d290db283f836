package io.jenkins.plugins.puppetenterprise.core.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.puppetenterprise.client.query.PuppetDbQuery;
import io.jenkins.plugins.puppetenterprise.core.input.InputProblem;
import io.jenkins.plugins.puppetenterprise.core.input.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated PuppetDB query: PQL, or an AST written as a JSON array (text that starts with
 * {@code [} or <code>{</code>), at most 64 KiB, and the most rows the caller accepts. Built only
 * through {@link Builder#build()}, which reports every problem at once before anything is sent.
 */
public final class PuppetDbQueryInput {
    public static final int DEFAULT_LIMIT = 1000;
    public static final int MAX_LIMIT = 100_000;
    public static final int MAX_QUERY_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final PuppetDbQuery query;

    private PuppetDbQueryInput(PuppetDbQuery query) {
        this.query = query;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The query as the client sends it. */
    public PuppetDbQuery query() {
        return query;
    }

    public int limit() {
        return query.limit();
    }

    /** What a build log says before the query is sent. */
    public String describe() {
        return "Querying PuppetDB: " + query.describe();
    }

    @Override
    public String toString() {
        return "PuppetDbQueryInput[" + query + "]";
    }

    /** Collects raw user input; nothing is checked until {@link #build()}. */
    public static final class Builder {
        private String query;
        private Integer limit;

        private Builder() {}

        /** PQL, or an AST as a JSON array. */
        public Builder query(String query) {
            this.query = query;
            return this;
        }

        /** Null for {@link #DEFAULT_LIMIT}. */
        public Builder limit(Integer limit) {
            this.limit = limit;
            return this;
        }

        /**
         * @throws InvalidInputException listing every problem, each naming its field and the fix
         */
        public PuppetDbQueryInput build() {
            List<InputProblem> problems = new ArrayList<>();
            int rows = limit == null ? DEFAULT_LIMIT : limit;
            if (rows < 1) {
                problems.add(
                        new InputProblem(
                                "limit",
                                rows
                                        + " is less than 1: give at least 1, the most rows the query may return, for example 1000"));
            } else if (rows > MAX_LIMIT) {
                problems.add(new InputProblem(
                        "limit",
                        rows + " is more than " + MAX_LIMIT + " rows, which the controller would hold in memory:"
                                + " narrow the query with a filter, or project fewer fields (entity[field, ...])"));
            }
            JsonNode ast = checkQuery(problems);
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return new PuppetDbQueryInput(ast != null ? PuppetDbQuery.ast(ast, rows) : PuppetDbQuery.pql(query, rows));
        }

        /** The AST when the query is one, null for PQL; problems are added. */
        private JsonNode checkQuery(List<InputProblem> problems) {
            if (query == null || query.isBlank()) {
                problems.add(new InputProblem(
                        "query",
                        "is empty: write a PQL query such as nodes[certname] { catalog_environment = \"production\" }"
                                + " or an AST as a JSON array"));
                return null;
            }
            int bytes = query.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_QUERY_BYTES) {
                problems.add(new InputProblem(
                        "query",
                        "is " + bytes + " bytes, more than 64 KiB (" + MAX_QUERY_BYTES + " bytes): select the nodes"
                                + " by a fact, a class or a subquery instead of listing them one by one"));
                return null;
            }
            String text = query.strip();
            if (!text.startsWith("[") && !text.startsWith("{")) {
                return null;
            }
            JsonNode ast;
            try {
                ast = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                problems.add(new InputProblem(
                        "query",
                        "starts like an AST query but is not JSON" + where(e) + ": fix the JSON, for example"
                                + " [\"from\", \"nodes\", [\"=\", \"certname\", \"web01.example.com\"]], or write"
                                + " the query in PQL"));
                return null;
            }
            if (!ast.isArray()) {
                problems.add(new InputProblem(
                        "query",
                        "is a JSON " + ast.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                                + ", but an AST query"
                                + " is a JSON array such as [\"from\", \"nodes\", [\"=\", \"certname\","
                                + " \"web01.example.com\"]]"));
                return null;
            }
            return ast;
        }

        private static String where(JsonProcessingException e) {
            return e.getLocation() == null
                    ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")";
        }
    }
}
