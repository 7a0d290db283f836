package io.jenkins.plugins.puppetenterprise.simulator;

import static io.jenkins.plugins.puppetenterprise.simulator.OrchestratorErrors.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * How the Orchestrator's plan and ordinary-job endpoints read the parts of a request they share:
 * a bad part is PE's 400 {@code validation-error} naming it.
 */
public final class OrchestratorRequestParts {
    private OrchestratorRequestParts() {}

    /** The body as JSON, which may be anything but invalid JSON. */
    public static JsonNode json(SimulatorRequest request) {
        try {
            return SimulatorJson.parse(request.body());
        } catch (IOException e) {
            throw validation("The request body is not valid JSON: " + e.getMessage());
        }
    }

    /** The body, which must be a JSON object. */
    public static JsonNode object(SimulatorRequest request) {
        JsonNode body = json(request);
        if (!body.isObject()) {
            throw validation("The request body must be a JSON object");
        }
        return body;
    }

    /** An id in a path: PE's job and event ids are integers; {@code what} names it ("plan job id"). */
    public static long id(String text, String what) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw validation("The " + what + " must be an integer; got '" + text + "'");
        }
    }

    /** The events endpoints' {@code start}: the first event id wanted, 0 when absent. */
    public static long eventStart(SimulatorRequest request) {
        if (request.query("start").isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(request.query("start").get());
        } catch (NumberFormatException e) {
            throw validation("start must be an integer event id; got '"
                    + request.query("start").get() + "'");
        }
    }

    /** {@code order_by}, one of {@code allowed}, or null when absent. */
    public static String orderBy(SimulatorRequest request, Set<String> allowed) {
        String orderBy = request.query("order_by").orElse(null);
        if (orderBy != null && !allowed.contains(orderBy)) {
            throw validation("order_by must be one of " + allowed);
        }
        return orderBy;
    }

    /** {@code order}: {@code asc} (also when absent) or {@code desc}. */
    public static String order(SimulatorRequest request) {
        String order = request.query("order").orElse("asc");
        if (!order.equals("asc") && !order.equals("desc")) {
            throw validation("order must be asc or desc");
        }
        return order;
    }

    public static int nonNegativeInt(SimulatorRequest request, String name, int defaultValue) {
        if (request.query(name).isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(request.query(name).get());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw validation(name + " must be a non-negative integer; got '"
                + request.query(name).get() + "'");
    }

    /** A timestamp query parameter, or null when absent. */
    public static Instant timestamp(SimulatorRequest request, String name) {
        if (request.query(name).isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(request.query(name).get());
        } catch (DateTimeParseException e) {
            throw validation(name + " must be an ISO-8601 UTC timestamp such as 2024-05-20T16:45:31Z");
        }
    }
}
