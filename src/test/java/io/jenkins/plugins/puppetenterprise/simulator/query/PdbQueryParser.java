package io.jenkins.plugins.puppetenterprise.simulator.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatorJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PQL and AST subset the simulated PuppetDB evaluates (docs/simulator.md): an entity
 * with an optional projection of plain fields; comparisons {@code = != ~ !~ < <= > >=}, {@code in}
 * with a literal array, {@code and}, {@code or}, {@code !} and parentheses; and
 * {@code order by}, {@code limit}, {@code offset}. What real PuppetDB also knows (functions such
 * as {@code count()}, subqueries, {@code group by}, dotted fact paths, {@code null?}) is refused
 * with a 400 that says it is the simulator's limit; malformed text is a PQL parse error as in
 * PuppetDB.
 */
final class PdbQueryParser {
    /** The query cannot be evaluated; the message is the plain-text 400 body. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:(\"(?:[^\"\\\\]|\\\\.)*\")|(-?\\d+(?:\\.\\d+)?)|([A-Za-z_][A-Za-z0-9_?.]*)|(!=|!~|<=|>=|[=~<>\\[\\]{}(),!]))");
    private static final Set<String> COMPARISONS = Set.of("=", "!=", "~", "!~", "<", "<=", ">", ">=");

    private final Map<String, List<String>> entityFields;

    /** @param entityFields every entity the simulator serves, with its fields */
    PdbQueryParser(Map<String, List<String>> entityFields) {
        this.entityFields = entityFields;
    }

    // --- PQL ---

    PdbQuery parsePql(String text) {
        return new Pql(text).query();
    }

    private final class Pql {
        private final String text;
        private final List<String> tokens = new ArrayList<>();
        private final List<Integer> columns = new ArrayList<>();
        private int at;

        Pql(String text) {
            this.text = text;
            Matcher m = TOKEN.matcher(text);
            int position = 0;
            while (position < text.length()) {
                if (text.substring(position).isBlank()) {
                    break;
                }
                if (!m.find(position) || m.start() != position) {
                    throw parseError(position, "an unexpected character");
                }
                int start = position
                        + (m.group().length() - m.group().stripLeading().length());
                tokens.add(m.group().strip());
                columns.add(start);
                position = m.end();
            }
        }

        PdbQuery query() {
            String entity = next("an entity name");
            List<String> known = fieldsOf(entity);
            List<String> fields = null;
            if (accept("[")) {
                fields = new ArrayList<>();
                do {
                    String field = next("a field name");
                    if (peekIs("(")) {
                        throw notEvaluated("functions such as " + field + "()");
                    }
                    fields.add(checkField(entity, known, field, true));
                } while (accept(","));
                expect("]");
            }
            expect("{");
            Predicate<Map<String, Object>> filter = row -> true;
            if (!peekIs("}") && !isPagingKeyword(peek())) {
                filter = or(entity, known);
            }
            List<PdbQuery.Order> order = new ArrayList<>();
            Integer limit = null;
            Integer offset = null;
            while (!peekIs("}")) {
                String word = next("order by, limit, offset or }");
                if (word.equals("order")) {
                    expect("by");
                    do {
                        String field = checkField(entity, known, next("a field name"), false);
                        boolean descending = accept("desc");
                        if (!descending) {
                            accept("asc");
                        }
                        order.add(new PdbQuery.Order(field, descending));
                    } while (accept(","));
                } else if (word.equals("limit")) {
                    limit = integer(next("a number"));
                } else if (word.equals("offset")) {
                    offset = integer(next("a number"));
                } else if (word.equals("group")) {
                    throw notEvaluated("group by");
                } else {
                    throw parseError(columns.get(at - 1), "'" + word + "'");
                }
            }
            expect("}");
            if (at < tokens.size()) {
                throw parseError(columns.get(at), "'" + tokens.get(at) + "' after the closing }");
            }
            return new PdbQuery(entity, fields, filter, order, limit, offset);
        }

        private Predicate<Map<String, Object>> or(String entity, List<String> known) {
            Predicate<Map<String, Object>> left = and(entity, known);
            while (accept("or")) {
                left = left.or(and(entity, known));
            }
            return left;
        }

        private Predicate<Map<String, Object>> and(String entity, List<String> known) {
            Predicate<Map<String, Object>> left = unary(entity, known);
            while (accept("and")) {
                left = left.and(unary(entity, known));
            }
            return left;
        }

        private Predicate<Map<String, Object>> unary(String entity, List<String> known) {
            if (accept("!")) {
                return unary(entity, known).negate();
            }
            if (accept("(")) {
                Predicate<Map<String, Object>> inner = or(entity, known);
                expect(")");
                return inner;
            }
            String field = next("a field name");
            if (field.contains(".")) {
                throw notEvaluated("dotted paths such as " + field);
            }
            if (field.endsWith("?") && !field.equals("latest_report?")) {
                throw notEvaluated("the operator " + field);
            }
            checkField(entity, known, field, false);
            String operator = next("an operator");
            if (operator.equals("in")) {
                if (!accept("[")) {
                    throw notEvaluated("subqueries (in " + (at < tokens.size() ? tokens.get(at) : "") + "...)");
                }
                List<Object> values = new ArrayList<>();
                do {
                    values.add(literal(next("a value")));
                } while (accept(","));
                expect("]");
                return row -> values.stream().anyMatch(v -> matches("=", row.get(field), v));
            }
            if (!COMPARISONS.contains(operator)) {
                throw parseError(columns.get(at - 1), "'" + operator + "' where an operator was expected");
            }
            Object value = literal(next("a value"));
            return row -> matches(operator, row.get(field), value);
        }

        private Object literal(String token) {
            if (token.startsWith("\"")) {
                return token.substring(1, token.length() - 1)
                        .replace("\\\"", "\"")
                        .replace("\\\\", "\\");
            }
            if (token.equals("true") || token.equals("false")) {
                return Boolean.valueOf(token);
            }
            if (token.equals("null")) {
                throw notEvaluated("null as a value (PuppetDB uses null? for that)");
            }
            if (Character.isDigit(token.charAt(token.length() - 1)) && !Character.isLetter(token.charAt(0))) {
                return token.contains(".") ? (Object) Double.valueOf(token) : (Object) Long.valueOf(token);
            }
            throw parseError(columns.get(at - 1), "'" + token + "' where a value was expected");
        }

        private int integer(String token) {
            try {
                return Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw parseError(columns.get(at - 1), "'" + token + "' where a whole number was expected");
            }
        }

        private String peek() {
            return at < tokens.size() ? tokens.get(at) : null;
        }

        private boolean peekIs(String token) {
            return token.equals(peek());
        }

        private boolean accept(String token) {
            if (peekIs(token)) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(String token) {
            if (!accept(token)) {
                throw parseError(at < tokens.size() ? columns.get(at) : text.length(), "'" + token + "' expected");
            }
        }

        private String next(String what) {
            if (at >= tokens.size()) {
                throw parseError(text.length(), "the end of the query where " + what + " was expected");
            }
            return tokens.get(at++);
        }

        /** PuppetDB's own wording: a position and what was found. */
        private Refused parseError(int column, String found) {
            return new Refused("PQL parse error at line 1, column " + (column + 1) + ":\n\n" + text + "\n"
                    + " ".repeat(Math.max(0, column)) + "^\n\nFound " + found + ".");
        }
    }

    private static boolean isPagingKeyword(String token) {
        return "order".equals(token) || "limit".equals(token) || "offset".equals(token);
    }

    // --- AST ---

    PdbQuery parseAst(JsonNode ast) {
        if (!ast.isArray()
                || ast.size() < 2
                || !"from".equals(ast.get(0).asText())
                || !ast.get(1).isTextual()) {
            throw new Refused("The query must start with [\"from\", <entity>, ...] at the root endpoint.");
        }
        String entity = ast.get(1).asText();
        List<String> known = fieldsOf(entity);
        List<String> fields = null;
        Predicate<Map<String, Object>> filter = row -> true;
        List<PdbQuery.Order> order = new ArrayList<>();
        Integer limit = null;
        Integer offset = null;
        for (int i = 2; i < ast.size(); i++) {
            JsonNode clause = ast.get(i);
            String head = clause.isArray() && clause.size() > 0 ? clause.get(0).asText() : "";
            switch (head) {
                case "extract" -> {
                    fields = new ArrayList<>();
                    JsonNode projection = clause.get(1);
                    for (JsonNode f : projection == null
                            ? List.<JsonNode>of()
                            : projection.isArray() ? toList(projection) : List.of(projection)) {
                        if (!f.isTextual()) {
                            throw notEvaluated("functions or expressions in extract: " + f);
                        }
                        fields.add(checkField(entity, known, f.asText(), true));
                    }
                    if (clause.size() > 2) {
                        filter = condition(entity, known, clause.get(2));
                    }
                }
                case "limit" -> limit = clause.get(1).asInt();
                case "offset" -> offset = clause.get(1).asInt();
                case "order_by" -> {
                    for (JsonNode o : toList(clause.get(1))) {
                        if (o.isTextual()) {
                            order.add(new PdbQuery.Order(checkField(entity, known, o.asText(), false), false));
                        } else {
                            order.add(new PdbQuery.Order(
                                    checkField(entity, known, o.get(0).asText(), false),
                                    "desc".equals(o.get(1).asText())));
                        }
                    }
                }
                default -> filter = condition(entity, known, clause);
            }
        }
        return new PdbQuery(entity, fields, filter, order, limit, offset);
    }

    private Predicate<Map<String, Object>> condition(String entity, List<String> known, JsonNode node) {
        if (!node.isArray() || node.isEmpty() || !node.get(0).isTextual()) {
            throw new Refused("'" + node + "' is not a valid expression: an expression is an array such as"
                    + " [\"=\", \"certname\", \"web01\"].");
        }
        String operator = node.get(0).asText();
        switch (operator) {
            case "and", "or" -> {
                Predicate<Map<String, Object>> combined = null;
                for (int i = 1; i < node.size(); i++) {
                    Predicate<Map<String, Object>> one = condition(entity, known, node.get(i));
                    combined = combined == null ? one : operator.equals("and") ? combined.and(one) : combined.or(one);
                }
                return combined == null ? row -> operator.equals("and") : combined;
            }
            case "not" -> {
                return condition(entity, known, node.get(1)).negate();
            }
            case "in" -> {
                String field = checkField(entity, known, node.get(1).asText(), false);
                JsonNode array = node.get(2);
                if (array == null
                        || !array.isArray()
                        || !"array".equals(array.get(0).asText())) {
                    throw notEvaluated("subqueries in an AST in expression");
                }
                List<Object> values = new ArrayList<>();
                toList(array.get(1)).forEach(v -> values.add(SimulatorJson.MAPPER.convertValue(v, Object.class)));
                return row -> values.stream().anyMatch(v -> matches("=", row.get(field), v));
            }
            default -> {
                if (!COMPARISONS.contains(operator) || operator.equals("!~") || operator.equals("!=")) {
                    throw notEvaluated("the AST operator " + operator);
                }
                if (!node.get(1).isTextual()) {
                    throw notEvaluated("fact or parameter paths such as " + node.get(1));
                }
                String field = checkField(entity, known, node.get(1).asText(), false);
                Object value = SimulatorJson.MAPPER.convertValue(node.get(2), Object.class);
                return row -> matches(operator, row.get(field), value);
            }
        }
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        if (array != null) {
            array.forEach(list::add);
        }
        return list;
    }

    // --- shared ---

    private List<String> fieldsOf(String entity) {
        List<String> known = entityFields.get(entity);
        if (known == null) {
            throw new Refused("'" + entity + "' is not a known entity; the PE simulator serves "
                    + String.join(", ", entityFields.keySet()) + " (see docs/simulator.md).");
        }
        return known;
    }

    private static String checkField(String entity, List<String> known, String field, boolean extracting) {
        if (!known.contains(field) || (extracting && field.endsWith("?"))) {
            throw new Refused(
                    extracting
                            ? "Can't extract unknown '" + entity + "' field '" + field + "'. Acceptable fields are "
                                    + known
                            : "'" + field + "' is not a queryable object for " + entity
                                    + ". Known queryable objects are " + known);
        }
        return field;
    }

    private static Refused notEvaluated(String what) {
        return new Refused("The PE simulator does not evaluate " + what + "; real PuppetDB may. Its PQL subset is"
                + " listed in docs/simulator.md.");
    }

    private static boolean matches(String operator, Object actual, Object expected) {
        return switch (operator) {
            case "=" -> actual != null && PdbQuery.compare(actual, expected) == 0;
            case "!=" -> actual == null || PdbQuery.compare(actual, expected) != 0;
            case "~" ->
                actual != null
                        && Pattern.compile(Objects.toString(expected))
                                .matcher(actual.toString())
                                .find();
            case "!~" ->
                actual == null
                        || !Pattern.compile(Objects.toString(expected))
                                .matcher(actual.toString())
                                .find();
            case "<" -> actual != null && PdbQuery.compare(actual, expected) < 0;
            case "<=" -> actual != null && PdbQuery.compare(actual, expected) <= 0;
            case ">" -> actual != null && PdbQuery.compare(actual, expected) > 0;
            case ">=" -> actual != null && PdbQuery.compare(actual, expected) >= 0;
            default -> throw new IllegalArgumentException(operator);
        };
    }
}
