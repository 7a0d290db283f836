package io.jenkins.plugins.puppetenterprise.simulator.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.simulator.EndpointHandler;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatedUser;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatorJson;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatorRequest;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatorResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PuppetDB's root query endpoint ({@code POST /pdb/query/v4}, pe-api-jobs.md section 8) over a
 * small fixed data set: four nodes, their facts, and reports of two Puppet-run jobs. Evaluates the
 * subset of PQL and AST that {@link PdbQueryParser} reads; errors are plain text (400, 403) as
 * PuppetDB's are, and token errors RBAC's JSON 401s.
 */
public final class PuppetDb {
    static final String PERMISSION_DENIED = "Permission denied: User does not have permission to access PuppetDB";

    private static final Set<String> BODY_KEYS = Set.of("query", "limit", "offset", "order_by");
    private static final Map<String, List<String>> FIELDS = Map.of(
            "nodes",
            List.of(
                    "certname",
                    "catalog_environment",
                    "facts_environment",
                    "report_environment",
                    "report_timestamp",
                    "latest_report_status",
                    "latest_report_noop",
                    "latest_report_hash",
                    "latest_report_job_id",
                    "deactivated",
                    "expired"),
            "facts",
            List.of("certname", "environment", "name", "value"),
            "reports",
            List.of("certname", "hash", "status", "noop", "job_id", "environment", "receive_time", "latest_report?"));

    private final PdbQueryParser parser = new PdbQueryParser(FIELDS);
    private final Map<String, List<Map<String, Object>>> data = fixedData();

    public Map<PeEndpoint, EndpointHandler> handlers() {
        return Map.of(PeEndpoint.PDB_QUERY, this::query);
    }

    private SimulatorResponse query(SimulatorRequest request, SimulatedUser caller) {
        if (!caller.permissions().queryPuppetDb() && !caller.permissions().administer()) {
            return text(403, PERMISSION_DENIED);
        }
        JsonNode body;
        try {
            body = SimulatorJson.parse(request.body());
        } catch (IOException e) {
            return text(400, "Malformed JSON for body: " + e.getMessage());
        }
        if (!body.isObject()) {
            return text(400, "Malformed JSON for body: expected an object");
        }
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!BODY_KEYS.contains(name)) {
                return text(400, "Unsupported query parameter '" + name + "'");
            }
        }
        JsonNode query = body.get("query");
        PdbQuery parsed;
        try {
            if (query == null || query.isNull()) {
                return text(400, "Missing required query parameter 'query'");
            }
            parsed = query.isTextual() ? parser.parsePql(query.asText()) : parser.parseAst(query);
            boolean bodyPages = body.has("limit") || body.has("offset") || body.has("order_by");
            if (bodyPages && parsed.pages()) {
                return text(
                        400,
                        "The PE simulator refuses paging both in the query and in request parameters (limit,"
                                + " offset, order_by): PuppetDB leaves the outcome undefined.");
            }
            if (bodyPages) {
                parsed = parsed.withPaging(
                        order(body.get("order_by")), positive(body, "limit"), positive(body, "offset"));
            }
        } catch (PdbQueryParser.Refused e) {
            return text(400, e.getMessage());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : parsed.evaluate(data.getOrDefault(parsed.entity(), List.of()))) {
            Map<String, Object> shown = new LinkedHashMap<>(row);
            shown.remove("latest_report?"); // a filter, never a field of the answer
            rows.add(shown);
        }
        return SimulatorResponse.json(200, rows);
    }

    private static Integer positive(JsonNode body, String key) {
        JsonNode value = body.get(key);
        if (value == null) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
            throw new PdbQueryParser.Refused(
                    "Illegal value '" + value + "' for :" + key + "; expected a non-negative" + " integer.");
        }
        return value.asInt();
    }

    private static List<PdbQuery.Order> order(JsonNode orderBy) {
        List<PdbQuery.Order> order = new ArrayList<>();
        if (orderBy == null) {
            return order;
        }
        for (JsonNode o : orderBy) {
            String field = o.path("field").asText();
            order.add(new PdbQuery.Order(field, "desc".equals(o.path("order").asText())));
        }
        return order;
    }

    private static SimulatorResponse text(int status, String body) {
        return SimulatorResponse.text(status, "text/plain;charset=utf-8", body);
    }

    /** The data set docs/simulator.md lists. */
    private static Map<String, List<Map<String, Object>>> fixedData() {
        List<Map<String, Object>> nodes = new ArrayList<>();
        List<Map<String, Object>> facts = new ArrayList<>();
        List<Map<String, Object>> reports = new ArrayList<>();
        Object[][] nodeRows = {
            {"web01.example.com", "production", "changed", "81", "RedHat", "web"},
            {"web02.example.com", "production", "unchanged", "81", "RedHat", "web"},
            {"db01.example.com", "production", "failed", "82", "Debian", "db"},
            {"build01.example.com", "staging", "unchanged", null, "Debian", "build"}
        };
        int n = 0;
        for (Object[] r : nodeRows) {
            n++;
            String certname = (String) r[0];
            String environment = (String) r[1];
            String hash = String.format("%040x", n);
            String time = "2026-03-02T10:0" + n + ":00.000Z";
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("certname", certname);
            node.put("catalog_environment", environment);
            node.put("facts_environment", environment);
            node.put("report_environment", environment);
            node.put("report_timestamp", time);
            node.put("latest_report_status", r[2]);
            node.put("latest_report_noop", false);
            node.put("latest_report_hash", hash);
            node.put("latest_report_job_id", r[3]);
            node.put("deactivated", null);
            node.put("expired", null);
            nodes.add(node);
            facts.add(fact(certname, environment, "osfamily", r[4]));
            facts.add(fact(certname, environment, "role", r[5]));
            facts.add(fact(certname, environment, "processorcount", 2 * n));
            reports.add(report(
                    certname,
                    String.format("%040x", 100 + n),
                    "unchanged",
                    null,
                    environment,
                    "2026-03-01T10:0" + n + ":00.000Z",
                    false));
            reports.add(report(certname, hash, (String) r[2], (String) r[3], environment, time, true));
        }
        return Map.of("nodes", nodes, "facts", facts, "reports", reports);
    }

    private static Map<String, Object> fact(String certname, String environment, String name, Object value) {
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("certname", certname);
        fact.put("environment", environment);
        fact.put("name", name);
        fact.put("value", value);
        return fact;
    }

    private static Map<String, Object> report(
            String certname,
            String hash,
            String status,
            String jobId,
            String environment,
            String time,
            boolean latest) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("certname", certname);
        report.put("hash", hash);
        report.put("status", status);
        report.put("noop", false);
        report.put("job_id", jobId);
        report.put("environment", environment);
        report.put("receive_time", time);
        report.put("latest_report?", latest);
        return report;
    }
}
