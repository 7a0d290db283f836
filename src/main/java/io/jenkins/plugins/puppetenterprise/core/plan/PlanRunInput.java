package io.jenkins.plugins.puppetenterprise.core.plan;

import io.jenkins.plugins.puppetenterprise.core.input.InputProblem;
import io.jenkins.plugins.puppetenterprise.core.input.InvalidInputException;
import io.jenkins.plugins.puppetenterprise.core.input.MapInput;
import io.jenkins.plugins.puppetenterprise.core.input.PlainValues;
import io.jenkins.plugins.puppetenterprise.core.input.PuppetNames;
import io.jenkins.plugins.puppetenterprise.core.input.WaitTimeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated request to run a plan with the orchestrator. Built only through {@link
 * Builder#build()}, which reports every problem of the user's input at once, naming the fields as
 * the steps do. Parameter values are never part of a message or {@link #toString()}.
 */
public final class PlanRunInput {
    /** The environment a plan is loaded from when the user names none, as in PE. */
    public static final String DEFAULT_ENVIRONMENT = "production";
    /** The longest PE plan timeout accepted; longer is almost certainly a unit mistake. */
    public static final int MAX_PE_TIMEOUT_SECONDS = 7 * 24 * 3600;

    private static final Set<String> TYPED_KEYS = Set.of("type", "value");

    private final String plan;
    private final List<PlanParameterInput> parameters;
    private final String environment;
    private final String description;
    private final Integer peTimeoutSeconds;
    private final Map<String, Object> userdata;
    private final boolean waitForCompletion;
    private final Duration waitTimeout;
    private final boolean stopPlanWhenAbandoned;

    private PlanRunInput(
            Builder b, List<PlanParameterInput> parameters, Map<String, Object> userdata, Duration timeout) {
        this.plan = b.plan.trim();
        this.parameters = List.copyOf(parameters);
        this.environment = b.environment == null || b.environment.isBlank() ? DEFAULT_ENVIRONMENT : b.environment;
        this.description = b.description == null || b.description.isBlank() ? null : b.description.trim();
        this.peTimeoutSeconds = b.peTimeoutSeconds;
        this.userdata = Collections.unmodifiableMap(userdata);
        this.waitForCompletion = b.waitForCompletion;
        this.waitTimeout = timeout;
        this.stopPlanWhenAbandoned = b.stopPlanWhenAbandoned;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String plan() {
        return plan;
    }

    public List<PlanParameterInput> parameters() {
        return parameters;
    }

    /** True when a parameter is a query or node group, which needs PE's environment_plan_run. */
    public boolean hasTypedParameters() {
        return parameters.stream().anyMatch(p -> p.type() != PlanParameterInput.Type.PLAIN);
    }

    public String environment() {
        return environment;
    }

    /** The user's description, or null for the front end's default. */
    public String description() {
        return description;
    }

    /** PE's own plan timeout in seconds, or null to leave PE's default. */
    public Integer peTimeoutSeconds() {
        return peTimeoutSeconds;
    }

    /** Plain key/value data stored with the plan job. */
    public Map<String, Object> userdata() {
        return userdata;
    }

    public boolean waitForCompletion() {
        return waitForCompletion;
    }

    /** How long to wait for the plan before giving up; distinct from {@link #peTimeoutSeconds()}. */
    public Duration waitTimeout() {
        return waitTimeout;
    }

    /** Stop the plan in PE when the wait is aborted or times out (default true). */
    public boolean stopPlanWhenAbandoned() {
        return stopPlanWhenAbandoned;
    }

    /** What a build log says before the plan is sent; names parameters, never their values. */
    public String describe() {
        StringBuilder s = new StringBuilder("Running plan ")
                .append(plan)
                .append(" in environment ")
                .append(environment);
        if (!parameters.isEmpty()) {
            s.append(" with parameters ")
                    .append(String.join(
                            ", ",
                            parameters.stream().map(PlanParameterInput::name).toList()));
        }
        return s.toString();
    }

    /** Names, never values. */
    @Override
    public String toString() {
        return "PlanRunInput[plan=" + plan + ", parameters="
                + parameters.stream().map(PlanParameterInput::name).toList() + ", environment=" + environment
                + ", peTimeoutSeconds=" + peTimeoutSeconds + ", userdataKeys=" + userdata.keySet() + ", wait="
                + waitForCompletion + ", waitTimeout=" + waitTimeout + ", stopPlanWhenAbandoned="
                + stopPlanWhenAbandoned + "]";
    }

    /** Collects raw user input; nothing is checked until {@link #build()}. */
    public static final class Builder {
        private String plan;
        private final List<PlanParameterInput> parameters = new ArrayList<>();
        private String parametersJson;
        private Map<?, ?> parametersMap;
        private String environment;
        private String description;
        private Integer peTimeoutSeconds;
        private Map<?, ?> userdataMap;
        private String userdataJson;
        private boolean waitForCompletion = true;
        private Duration waitTimeout;
        private boolean stopPlanWhenAbandoned = true;

        private Builder() {}

        public Builder plan(String plan) {
            this.plan = plan;
            return this;
        }

        /** Adds one parameter; see {@link PlanParameterInput}. */
        public Builder parameter(PlanParameterInput parameter) {
            parameters.add(parameter);
            return this;
        }

        /**
         * Parameters as a Pipeline map. A value that is a map of exactly {@code type} and {@code value}
         * with type {@code query} or {@code node_group} is such a typed parameter; anything else is a
         * plain value.
         */
        public Builder parameters(Map<?, ?> parameters) {
            this.parametersMap = parameters;
            return this;
        }

        /** Parameters as JSON object text (freestyle form), read like {@link #parameters(Map)}. */
        public Builder parametersJson(String json) {
            this.parametersJson = json;
            return this;
        }

        /** Null or blank for {@value #DEFAULT_ENVIRONMENT}. */
        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** PE's own plan timeout in seconds; null leaves PE's default. */
        public Builder peTimeoutSeconds(Integer seconds) {
            this.peTimeoutSeconds = seconds;
            return this;
        }

        public Builder userdata(Map<?, ?> userdata) {
            this.userdataMap = userdata;
            return this;
        }

        /** Userdata as JSON object text (freestyle form). */
        public Builder userdataJson(String json) {
            this.userdataJson = json;
            return this;
        }

        public Builder waitForCompletion(boolean wait) {
            this.waitForCompletion = wait;
            return this;
        }

        /** Null for {@link WaitTimeouts#DEFAULT_PLAN_WAIT}. */
        public Builder waitTimeout(Duration timeout) {
            this.waitTimeout = timeout;
            return this;
        }

        public Builder stopPlanWhenAbandoned(boolean stop) {
            this.stopPlanWhenAbandoned = stop;
            return this;
        }

        /**
         * @throws InvalidInputException listing every problem, each naming its field and the fix
         */
        public PlanRunInput build() {
            List<InputProblem> problems = new ArrayList<>();
            PuppetNames.planProblem(plan == null ? null : plan.trim())
                    .ifPresent(p -> problems.add(new InputProblem("plan", p)));
            if (environment != null && !environment.isBlank()) {
                PuppetNames.environmentProblem(environment)
                        .ifPresent(p -> problems.add(new InputProblem("environment", p)));
            }
            List<PlanParameterInput> checked = checkParameters(problems);
            Map<String, Object> userdata = MapInput.userdata(userdataMap, userdataJson, problems);
            if (peTimeoutSeconds != null && (peTimeoutSeconds <= 0 || peTimeoutSeconds > MAX_PE_TIMEOUT_SECONDS)) {
                problems.add(new InputProblem(
                        "timeout",
                        "PE's plan timeout must be between 1 and " + MAX_PE_TIMEOUT_SECONDS + " seconds (7 days), got "
                                + peTimeoutSeconds + ": give the seconds the plan may run, or leave it empty for PE's"
                                + " default"));
            }
            Duration timeout = WaitTimeouts.check("waitTimeout", waitTimeout, WaitTimeouts.DEFAULT_PLAN_WAIT, problems);
            InvalidInputException.throwIfAny(problems);
            return new PlanRunInput(this, checked, userdata, timeout);
        }

        private List<PlanParameterInput> checkParameters(List<InputProblem> problems) {
            List<PlanParameterInput> all = new ArrayList<>(parameters);
            Map<?, ?> raw = MapInput.read(
                    "parameters",
                    parametersMap,
                    parametersJson,
                    "{\"nodes\": [\"web1.example.com\"], \"version\": \"1.2\"}",
                    problems);
            if (raw != null) {
                for (Map.Entry<?, ?> e : raw.entrySet()) {
                    String name = e.getKey() instanceof CharSequence cs ? cs.toString() : null;
                    all.add(toParameter(name, e.getValue()));
                }
            }
            List<PlanParameterInput> checked = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (PlanParameterInput p : all) {
                var nameProblem = PuppetNames.parameterNameProblem(p.name());
                if (nameProblem.isPresent()) {
                    problems.add(new InputProblem("parameters", nameProblem.get()));
                    continue;
                }
                if (names.contains(p.name())) {
                    problems.add(new InputProblem(
                            "parameters", "'" + p.name() + "' is given twice: give each parameter once"));
                    continue;
                }
                names.add(p.name());
                checkParameterValue(p, problems).ifPresent(checked::add);
            }
            return checked;
        }

        private static PlanParameterInput toParameter(String name, Object value) {
            if (value instanceof Map<?, ?> m
                    && m.keySet().equals(TYPED_KEYS)
                    && m.get("type") instanceof CharSequence t) {
                String type = t.toString();
                Object v = m.get("value");
                String text = v instanceof CharSequence cs ? cs.toString() : null;
                if ("query".equals(type)) {
                    return PlanParameterInput.query(name, text);
                }
                if ("node_group".equals(type)) {
                    return PlanParameterInput.nodeGroup(name, text);
                }
            }
            return PlanParameterInput.plain(name, value);
        }

        private static java.util.Optional<PlanParameterInput> checkParameterValue(
                PlanParameterInput p, List<InputProblem> problems) {
            switch (p.type()) {
                case QUERY -> {
                    if (!(p.value() instanceof String q) || q.isBlank()) {
                        problems.add(new InputProblem(
                                "parameters",
                                "'" + p.name() + "' is a query parameter without a query: give a PQL query string such"
                                        + " as nodes[certname] { catalog_environment = \"production\" }"));
                        return java.util.Optional.empty();
                    }
                    return java.util.Optional.of(PlanParameterInput.query(p.name(), q.trim()));
                }
                case NODE_GROUP -> {
                    String id = p.value() instanceof String s ? s.trim() : null;
                    if (id == null || !MapInput.isUuid(id)) {
                        problems.add(new InputProblem(
                                "parameters",
                                "'" + p.name() + "' is a node_group parameter whose value is not a node group ID: give"
                                        + " the group's UUID from the console (Node groups » group » its ID), for"
                                        + " example 00000000-0000-4000-8000-000000000000"));
                        return java.util.Optional.empty();
                    }
                    return java.util.Optional.of(PlanParameterInput.nodeGroup(p.name(), id));
                }
                default -> {
                    try {
                        return java.util.Optional.of(PlanParameterInput.plain(p.name(), PlainValues.copy(p.value())));
                    } catch (PlainValues.NotPlainException e) {
                        problems.add(MapInput.notPlain("parameters", p.name(), e));
                        return java.util.Optional.empty();
                    }
                }
            }
        }
    }
}
