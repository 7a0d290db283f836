package io.jenkins.plugins.puppetenterprise.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Nodes, node groups and PuppetDB query answers, for {@code type: query} and
 * {@code type: node_group} plan parameters. Queries answer from results a test registered, or
 * from the nodes for the simple PQL form {@code nodes[certname] { <field> = "<value>" }} with field
 * {@code certname} or {@code catalog_environment} (or no condition). Guarded by the simulator's lock.
 */
public final class Inventory {
    private static final Pattern SIMPLE_QUERY = Pattern.compile(
            "\\s*nodes\\s*\\[\\s*certname\\s*]\\s*\\{\\s*(?:(certname|catalog_environment)\\s*=\\s*\"([^\"]*)\"\\s*)?}\\s*");

    private final Map<String, String> nodeEnvironments = new LinkedHashMap<>();
    private final Map<String, List<String>> nodeGroups = new LinkedHashMap<>();
    private final Map<String, String> nodeGroupNames = new LinkedHashMap<>();
    private final Map<String, List<String>> queryResults = new LinkedHashMap<>();

    void addNode(String certname, String environment) {
        nodeEnvironments.put(certname, environment);
    }

    void addNodeGroup(String id, String name, List<String> certnames) {
        nodeGroups.put(id, List.copyOf(certnames));
        nodeGroupNames.put(id, name);
    }

    void addQueryResult(String query, List<String> certnames) {
        queryResults.put(query, List.copyOf(certnames));
    }

    /** The catalog environment of a known node. */
    public Optional<String> environmentOf(String certname) {
        return Optional.ofNullable(nodeEnvironments.get(certname));
    }

    public Optional<List<String>> nodeGroup(String id) {
        return Optional.ofNullable(nodeGroups.get(id));
    }

    /** The certnames a query returns, or empty when the simulator cannot answer it. */
    public Optional<List<String>> query(String query) {
        if (queryResults.containsKey(query)) {
            return Optional.of(queryResults.get(query));
        }
        Matcher matcher = SIMPLE_QUERY.matcher(query);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        List<String> result = new ArrayList<>();
        nodeEnvironments.forEach((certname, environment) -> {
            String field = matcher.group(1);
            boolean matches =
                    field == null || (field.equals("certname") ? certname : environment).equals(matcher.group(2));
            if (matches) {
                result.add(certname);
            }
        });
        return Optional.of(result);
    }
}
