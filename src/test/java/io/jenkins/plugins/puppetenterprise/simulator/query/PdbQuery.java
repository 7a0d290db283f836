package io.jenkins.plugins.puppetenterprise.simulator.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A PuppetDB query the simulator evaluates, parsed from PQL or AST ({@link PdbQueryParser}): one
 * entity, an optional projection, a filter and optional paging.
 *
 * @param fields the projection, or null for every field
 * @param limit null for no limit
 * @param offset null for none
 */
record PdbQuery(
        String entity,
        List<String> fields,
        Predicate<Map<String, Object>> filter,
        List<Order> orderBy,
        Integer limit,
        Integer offset) {

    /** One {@code order by} field. */
    record Order(String field, boolean descending) {}

    /** Whether any paging (limit, offset, order by) is part of the query itself. */
    boolean pages() {
        return limit != null || offset != null || !orderBy.isEmpty();
    }

    PdbQuery withPaging(List<Order> order, Integer newLimit, Integer newOffset) {
        return new PdbQuery(entity, fields, filter, order, newLimit, newOffset);
    }

    /** Filters, sorts, pages and projects the rows, as PuppetDB does. */
    List<Map<String, Object>> evaluate(List<Map<String, Object>> rows) {
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            if (filter.test(row)) {
                matching.add(row);
            }
        }
        Comparator<Map<String, Object>> order = null;
        for (Order o : orderBy) {
            Comparator<Map<String, Object>> one = (a, b) -> compare(a.get(o.field()), b.get(o.field()));
            one = o.descending() ? one.reversed() : one;
            order = order == null ? one : order.thenComparing(one);
        }
        if (order != null) {
            matching.sort(order);
        }
        int from = offset == null ? 0 : Math.min(offset, matching.size());
        int to = limit == null ? matching.size() : Math.min(matching.size(), from + limit);
        List<Map<String, Object>> answer = new ArrayList<>();
        for (Map<String, Object> row : matching.subList(from, to)) {
            if (fields == null) {
                answer.add(row);
            } else {
                Map<String, Object> projected = new LinkedHashMap<>();
                fields.forEach(f -> projected.put(f, row.get(f)));
                answer.add(projected);
            }
        }
        return answer;
    }

    /** Nulls last; numbers by value; everything else by its text (timestamps are ISO-8601). */
    @SuppressWarnings("unchecked")
    static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Comparable<?> && a.getClass() == b.getClass()) {
            return ((Comparable<Object>) a).compareTo(b);
        }
        return a.toString().compareTo(b.toString());
    }
}
