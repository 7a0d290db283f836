package io.jenkins.plugins.puppetenterprise.simulator.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A task the orchestrator knows in every environment (pe-api-jobs.md 4.9.4): its parameters
 * (type, whether sensitive), whether it supports noop.
 */
public record TaskSpec(String name, String description, Map<String, TaskParameter> parameters, boolean supportsNoop) {
    /** {@code module} or {@code module::task}, lower case, as Puppet names tasks. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(::[a-z][a-z0-9_]*)?");

    /**
     * One parameter of a task's metadata.
     *
     * @param defaultValue the {@code default} as a JSON-compatible value, or null when there is none
     * @param listedSensitive listed in a job's {@code options.sensitive} although the metadata does not flag it
     */
    public record TaskParameter(
            String type, String description, boolean sensitive, Object defaultValue, boolean listedSensitive) {
        public TaskParameter(String type, String description, boolean sensitive) {
            this(type, description, sensitive, null, false);
        }

        /** Whether a job lists it in {@code options.sensitive} (and hides its value). */
        boolean hidden() {
            return sensitive || listedSensitive;
        }

        boolean required() {
            return defaultValue == null && !type.startsWith("Optional[") && !type.equals("Any");
        }
    }

    public TaskSpec {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Task names are module or module::task; not " + name);
        }
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public static TaskSpec named(String name) {
        return new TaskSpec(name, null, Map.of(), false);
    }

    public TaskSpec describedAs(String text) {
        return new TaskSpec(name, text, parameters, supportsNoop);
    }

    /** A parameter; required unless its type is {@code Optional[...]} or {@code Any}. */
    public TaskSpec withParameter(String parameter, String type, String text) {
        return with(parameter, new TaskParameter(type, text, false));
    }

    /** A parameter with a {@code default} in its metadata, so not required. */
    public TaskSpec withDefaultedParameter(String parameter, String type, Object defaultValue) {
        return with(parameter, new TaskParameter(type, null, false, defaultValue, false));
    }

    /** A parameter the metadata flags {@code sensitive: true}. */
    public TaskSpec withSensitiveParameter(String parameter, String type) {
        return with(parameter, new TaskParameter(type, null, true));
    }

    /**
     * A parameter the metadata does not flag but a job of the task lists in {@code options.sensitive}
     * (metadata read at another time, or PE's own rules), so that a client must take the job's list too.
     */
    public TaskSpec withParameterListedSensitive(String parameter, String type) {
        return with(parameter, new TaskParameter(type, null, false, null, true));
    }

    public TaskSpec supportingNoop() {
        return new TaskSpec(name, description, parameters, true);
    }

    private TaskSpec with(String parameter, TaskParameter spec) {
        Map<String, TaskParameter> more = new LinkedHashMap<>(parameters);
        more.put(parameter, spec);
        return new TaskSpec(name, description, more, supportsNoop);
    }

    /** {@code module/task} below {@code /tasks/}; a module's init task is {@code module/init}. */
    String path() {
        String[] parts = name.split("::");
        return parts.length == 1 ? parts[0] + "/init" : parts[0] + "/" + parts[1];
    }

    static String nameFromPath(String module, String task) {
        return task.equals("init") ? module : module + "::" + task;
    }

    Map<String, Object> metadata() {
        Map<String, Object> params = new LinkedHashMap<>();
        parameters.forEach((n, p) -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", p.type());
            if (p.description() != null) {
                json.put("description", p.description());
            }
            if (p.sensitive()) {
                json.put("sensitive", true);
            }
            if (p.defaultValue() != null) {
                json.put("default", p.defaultValue());
            }
            params.put(n, json);
        });
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (description != null) {
            metadata.put("description", description);
        }
        if (supportsNoop) {
            metadata.put("supports_noop", true);
        }
        metadata.put("input_method", "stdin");
        metadata.put("parameters", params);
        return metadata;
    }
}
