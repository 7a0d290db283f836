package io.jenkins.plugins.puppetenterprise.client.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import java.util.List;
import java.util.Objects;

/**
 * Which nodes a Puppet run or task runs on: exactly one of certnames, a PQL query or a node group
 * id (pe-api-jobs.md 4.9.2). Application scopes and the legacy {@code target} are never sent.
 */
public record JobScope(Kind kind, List<String> nodes, String query, String nodeGroup) {

    /** The scope key sent to PE. */
    public enum Kind {
        NODES("nodes"),
        QUERY("query"),
        NODE_GROUP("node_group");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    public JobScope {
        Objects.requireNonNull(kind, "kind");
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    public static JobScope nodes(List<String> certnames) {
        return new JobScope(Kind.NODES, certnames, null, null);
    }

    public static JobScope query(String pql) {
        return new JobScope(Kind.QUERY, List.of(), pql, null);
    }

    public static JobScope nodeGroup(String id) {
        return new JobScope(Kind.NODE_GROUP, List.of(), null, id);
    }

    /** The number of nodes asked for, when the scope names them; null for a query or node group. */
    public Integer requestedCount() {
        return kind == Kind.NODES ? nodes.size() : null;
    }

    ObjectNode toJson() {
        ObjectNode scope = LenientJson.MAPPER.createObjectNode();
        switch (kind) {
            case NODES -> nodes.forEach(scope.putArray("nodes")::add);
            case QUERY -> scope.put("query", query);
            case NODE_GROUP -> scope.put("node_group", nodeGroup);
        }
        return scope;
    }

    /** A phrase for messages: {@code 3 nodes}, {@code the nodes of query '...'}, {@code node group <id>}. */
    public String describe() {
        return switch (kind) {
            case NODES -> nodes.size() == 1 ? "node " + nodes.get(0) : nodes.size() + " nodes";
            case QUERY -> "the nodes of query '" + query + "'";
            case NODE_GROUP -> "node group " + nodeGroup;
        };
    }
}
