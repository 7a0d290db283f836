package io.jenkins.plugins.puppetenterprise.core.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.puppetenterprise.core.RunMarker;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanRunInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A field a user gives as a map (Pipeline) or as JSON object text (freestyle form), such as a
 * run's {@code parameters} or {@code userdata}: read and checked the same way for plan runs
 * ({@link PlanRunInput}) and Puppet runs and tasks ({@code core.job.JobInput}). Problems are added
 * to the caller's list, each naming its field and the fix; values are never part of a message.
 */
public final class MapInput {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private MapInput() {}

    /**
     * The entries given as {@code map} or as {@code json} text; null when neither is given or when
     * what is given cannot be read (both at once, bad JSON, not an object: then a problem is added).
     *
     * @param example a JSON object shown in the fix, such as {@code {"ticket": "CHG-1234"}}
     */
    public static Map<?, ?> read(
            String field, Map<?, ?> map, String json, String example, List<InputProblem> problems) {
        boolean hasJson = json != null && !json.isBlank();
        if (map != null && hasJson) {
            problems.add(new InputProblem(
                    field, "given both as a map and as JSON text: give the " + field + " one way only"));
            return null;
        }
        return hasJson ? parseObject(field, json, example, problems) : map;
    }

    /** The userdata stored with the run: plain values under non-empty keys, none the run marker's. */
    public static Map<String, Object> userdata(Map<?, ?> map, String json, List<InputProblem> problems) {
        Map<?, ?> raw = read("userdata", map, json, "{\"ticket\": \"CHG-1234\"}", problems);
        Map<String, Object> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            String key = e.getKey() instanceof CharSequence cs ? cs.toString() : null;
            if (key == null || key.isBlank()) {
                problems.add(new InputProblem("userdata", "has an empty key: give every entry a name"));
            } else if (RunMarker.USERDATA_KEY.equals(key)) {
                problems.add(new InputProblem(
                        "userdata",
                        "the key '" + key + "' is reserved for the plugin's run marker: rename that entry"));
            } else {
                try {
                    out.put(key, PlainValues.copy(e.getValue()));
                } catch (PlainValues.NotPlainException ex) {
                    problems.add(notPlain("userdata", key, ex));
                }
            }
        }
        return out;
    }

    /** The problem of an entry {@code name} whose value {@link PlainValues#copy} refused. */
    public static InputProblem notPlain(String field, String name, PlainValues.NotPlainException e) {
        return new InputProblem(
                field,
                "'" + name + "' cannot be sent to PE because " + e.getMessage() + ": use strings, numbers, booleans,"
                        + " lists and maps with string keys");
    }

    /** Whether {@code s} is a UUID in its 36-character form, as node group IDs are. */
    public static boolean isUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Map<?, ?> parseObject(String field, String json, String example, List<InputProblem> problems) {
        Object parsed;
        try {
            parsed = JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            problems.add(new InputProblem(
                    field,
                    "is not valid JSON"
                            + (where == null
                                    ? ""
                                    : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")")
                            + ": write a JSON object such as " + example));
            return null;
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            problems.add(new InputProblem(field, "must be a JSON object of names and values, such as " + example));
            return null;
        }
        return map;
    }
}
