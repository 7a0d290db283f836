package io.jenkins.plugins.puppetenterprise.core.job;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.puppetenterprise.core.input.InputProblem;
import io.jenkins.plugins.puppetenterprise.core.input.InvalidInputException;
import java.util.List;

/**
 * One task parameter as the user wrote it ({@code value(name:, value:)} or {@code json(name:, value:)}):
 * text sent as a JSON string exactly as written, or JSON text sent as the value it denotes. Its name is
 * checked by {@link JobInput.Builder#build()}; its value is never part of a message or {@link #toString()}.
 */
public final class TaskParameterInput {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String name;
    private final String text;
    private final boolean json;

    private TaskParameterInput(String name, String text, boolean json) {
        this.name = name;
        this.text = text;
        this.json = json;
    }

    /** A parameter whose value is the text itself (null is the empty string, as an empty form field). */
    public static TaskParameterInput text(String name, String text) {
        return new TaskParameterInput(name, text == null ? "" : text, false);
    }

    /** A parameter whose value is written as JSON: a number, boolean, array, object, null or quoted string. */
    public static TaskParameterInput json(String name, String json) {
        return new TaskParameterInput(name, json == null ? "" : json, true);
    }

    /** The name as given; null or blank is refused when the input is built. */
    public String name() {
        return name;
    }

    /**
     * The value sent to PE: the text, or the JSON read into plain values (String, Number, Boolean, List, Map or
     * null). Never log it.
     *
     * @throws InvalidInputException naming the parameter (never its value) and the fix when the JSON cannot be read
     */
    public Object value() {
        if (!json) {
            return text;
        }
        if (text.isBlank()) {
            throw problem("has no JSON value: write one, for example 3, true, [\"a\", \"b\"] or {\"key\": \"value\"},"
                    + " or use value(...) for text");
        }
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            // the location only: the text itself may be a secret
            var where = e.getLocation();
            throw problem("is not valid JSON"
                    + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")")
                    + ": write it as JSON, or use value(...) for plain text");
        }
    }

    private InvalidInputException problem(String what) {
        return new InvalidInputException(
                List.of(new InputProblem("parameters", "'" + (name == null ? "" : name) + "' " + what)));
    }

    /** Names the parameter and its kind only: values may be secret. */
    @Override
    public String toString() {
        return "TaskParameterInput[" + name + (json ? ", json" : ", text") + "]";
    }
}
