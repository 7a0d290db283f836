package io.jenkins.plugins.puppetenterprise.core.job;

import io.jenkins.plugins.puppetenterprise.client.job.JobClient;
import io.jenkins.plugins.puppetenterprise.client.job.JobScope;
import io.jenkins.plugins.puppetenterprise.core.input.InputProblem;
import io.jenkins.plugins.puppetenterprise.core.input.InvalidInputException;
import io.jenkins.plugins.puppetenterprise.core.input.MapInput;
import io.jenkins.plugins.puppetenterprise.core.input.PlainValues;
import io.jenkins.plugins.puppetenterprise.core.input.PuppetNames;
import io.jenkins.plugins.puppetenterprise.core.input.WaitTimeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated Puppet run ({@code puppetRun}) or task run ({@code puppetTask}). Built only through
 * {@link Builder#build()}, which reports every problem at once, each naming its field as the steps
 * do and saying the fix, before any request. Task parameter values are never part of a message or
 * {@link #toString()}.
 */
public final class JobInput {
    /** The environment when the user names none, as in PE. */
    public static final String DEFAULT_ENVIRONMENT = "production";
    /** How long a Puppet run or task is waited for when the user sets no wait timeout. */
    public static final Duration DEFAULT_WAIT = Duration.ofHours(2);
    /** The longest per-node PE timeout accepted (7 days); longer is almost certainly a unit mistake. */
    public static final int MAX_SECONDS = 7 * 24 * 3600;

    private static final Set<String> ORDERINGS = Set.of("title-hash", "manifest", "random");

    /** Which command the input is for. */
    public enum Kind {
        PUPPET_RUN,
        TASK
    }

    private final Kind kind;
    private final JobScope scope;
    private final String environment;
    private final boolean useNodeEnvironments;
    private final String task;
    private final Map<String, Object> parameters;
    private final boolean noop;
    private final boolean noNoop;
    private final Map<String, Object> agentOptions;
    private final Integer peTimeoutSeconds;
    private final String description;
    private final Map<String, Object> userdata;
    private final boolean failOnPendingChanges;
    private final boolean waitForCompletion;
    private final Duration waitTimeout;
    private final boolean stopOnAbort;
    private final boolean forceStop;

    private JobInput(
            Builder b,
            JobScope scope,
            Map<String, Object> parameters,
            Map<String, Object> agentOptions,
            Map<String, Object> userdata,
            Duration waitTimeout) {
        this.kind = b.kind;
        this.scope = scope;
        this.useNodeEnvironments = b.useNodeEnvironments;
        this.environment = useNodeEnvironments
                ? ""
                : b.environment == null || b.environment.isBlank() ? DEFAULT_ENVIRONMENT : b.environment.trim();
        this.task = b.task == null ? null : b.task.trim();
        this.parameters = Collections.unmodifiableMap(parameters);
        this.noop = b.noop;
        this.noNoop = b.noNoop;
        this.agentOptions = Collections.unmodifiableMap(agentOptions);
        this.peTimeoutSeconds = b.peTimeoutSeconds;
        this.description = b.description == null || b.description.isBlank() ? null : b.description.trim();
        this.userdata = Collections.unmodifiableMap(userdata);
        this.failOnPendingChanges = b.failOnPendingChanges;
        this.waitForCompletion = b.waitForCompletion;
        this.waitTimeout = waitTimeout;
        this.stopOnAbort = b.stopOnAbort;
        this.forceStop = b.forceStop;
    }

    /** Input for {@code puppetRun}. */
    public static Builder puppetRun() {
        return new Builder(Kind.PUPPET_RUN);
    }

    /** Input for {@code puppetTask}. */
    public static Builder task() {
        return new Builder(Kind.TASK);
    }

    public Kind kind() {
        return kind;
    }

    public JobScope scope() {
        return scope;
    }

    /** The environment sent to PE: {@code ""} with {@link #useNodeEnvironments()}. */
    public String environment() {
        return environment;
    }

    public boolean useNodeEnvironments() {
        return useNodeEnvironments;
    }

    /** The task name ({@code module::task} or {@code module}); null for a Puppet run. */
    public String taskName() {
        return task;
    }

    /** Task parameters as plain values (may be sensitive: never print them). */
    public Map<String, Object> parameters() {
        return parameters;
    }

    public boolean noop() {
        return noop;
    }

    public boolean noNoop() {
        return noNoop;
    }

    /**
     * The Puppet agent options set by the user, by PE key ({@code concurrency}, {@code tags},
     * {@code debug}...), values Integer, String or Boolean.
     */
    public Map<String, Object> agentOptions() {
        return agentOptions;
    }

    /** PE's per-node timeout in seconds, or null for PE's default. */
    public Integer peTimeoutSeconds() {
        return peTimeoutSeconds;
    }

    /** The user's description, or null for the front end's default. */
    public String description() {
        return description;
    }

    public Map<String, Object> userdata() {
        return userdata;
    }

    public boolean failOnPendingChanges() {
        return failOnPendingChanges;
    }

    public boolean waitForCompletion() {
        return waitForCompletion;
    }

    public Duration waitTimeout() {
        return waitTimeout;
    }

    /** Stop the job in PE when waiting is aborted or times out (default true). */
    public boolean stopOnAbort() {
        return stopOnAbort;
    }

    /** Stop with {@code force} (end running nodes at once, PE 2021.7 and later; default false). */
    public boolean forceStop() {
        return forceStop;
    }

    /** What the build log says before the job is sent; names parameters, never their values. */
    public String describe() {
        String where = useNodeEnvironments ? "each node's own environment" : "environment " + environment;
        if (kind == Kind.TASK) {
            return "Running task " + task + (noop ? " in noop mode" : "") + " on " + scope.describe() + " in " + where
                    + (parameters.isEmpty() ? "" : " with parameters " + String.join(", ", parameters.keySet()));
        }
        return "Running Puppet" + (noop ? " in noop mode" : noNoop ? " (no_noop)" : "") + " on " + scope.describe()
                + " in " + where;
    }

    @Override
    public String toString() {
        return "JobInput[kind=" + kind + ", task=" + task + ", scope=" + scope.describe() + ", environment='"
                + environment + "', parameters=" + parameters.keySet() + ", noop=" + noop + ", options="
                + agentOptions + ", wait=" + waitForCompletion + ", waitTimeout=" + waitTimeout + "]";
    }

    /** Collects raw user input; nothing is checked until {@link #build()}. */
    public static final class Builder {
        private final Kind kind;
        private Collection<?> nodes;
        private String query;
        private String nodeGroup;
        private String environment;
        private boolean useNodeEnvironments;
        private String task;
        private final List<TaskParameterInput> parameterList = new ArrayList<>();
        private Map<?, ?> parametersMap;
        private String parametersJson;
        private boolean noop;
        private boolean noNoop;
        private final Map<String, Object> options = new LinkedHashMap<>();
        private Object tags;
        private Object skipTags;
        private Integer peTimeoutSeconds;
        private String description;
        private Map<?, ?> userdataMap;
        private String userdataJson;
        private boolean failOnPendingChanges;
        private boolean waitForCompletion = true;
        private Duration waitTimeout;
        private boolean stopOnAbort = true;
        private boolean forceStop;

        private Builder(Kind kind) {
            this.kind = kind;
        }

        /** Certnames; exactly one of nodes, query and node group. */
        public Builder nodes(Collection<?> certnames) {
            this.nodes = certnames;
            return this;
        }

        /** A PQL query whose result's {@code certname}s are the nodes. */
        public Builder query(String pql) {
            this.query = pql;
            return this;
        }

        /** A node group id (UUID). */
        public Builder nodeGroup(String id) {
            this.nodeGroup = id;
            return this;
        }

        public Builder environment(String name) {
            this.environment = name;
            return this;
        }

        /** Puppet runs: each node in its own environment ({@code ""} with {@code enforce_environment: false}). */
        public Builder useNodeEnvironments(boolean use) {
            this.useNodeEnvironments = use;
            return this;
        }

        public Builder task(String name) {
            this.task = name;
            return this;
        }

        /** Adds one task parameter (the steps' {@code value(...)} and {@code json(...)} entries). */
        public Builder parameter(TaskParameterInput parameter) {
            parameterList.add(parameter);
            return this;
        }

        /** Task parameters as a map, checked together with those added one by one. */
        public Builder parameters(Map<?, ?> parameters) {
            this.parametersMap = parameters;
            return this;
        }

        /** Task parameters as JSON object text, read like {@link #parameters(Map)}. */
        public Builder parametersJson(String json) {
            this.parametersJson = json;
            return this;
        }

        public Builder noop(boolean value) {
            this.noop = value;
            return this;
        }

        public Builder noNoop(boolean value) {
            this.noNoop = value;
            return this;
        }

        public Builder concurrency(Integer value) {
            return option("concurrency", value);
        }

        /** A list of tags or comma-separated text. */
        public Builder tags(Object value) {
            this.tags = value;
            return this;
        }

        /** A list of tags or comma-separated text. */
        public Builder skipTags(Object value) {
            this.skipTags = value;
            return this;
        }

        public Builder debug(boolean value) {
            return flag("debug", value);
        }

        public Builder trace(boolean value) {
            return flag("trace", value);
        }

        public Builder evaltrace(boolean value) {
            return flag("evaltrace", value);
        }

        public Builder useCachedCatalog(boolean value) {
            return flag("use_cached_catalog", value);
        }

        public Builder useCacheOnFailure(boolean value) {
            return flag("usecacheonfailure", value);
        }

        public Builder fileTimeout(Integer seconds) {
            return option("filetimeout", seconds);
        }

        public Builder httpConnectTimeout(Integer seconds) {
            return option("http_connect_timeout", seconds);
        }

        public Builder httpKeepaliveTimeout(Integer seconds) {
            return option("http_keepalive_timeout", seconds);
        }

        public Builder httpReadTimeout(Integer seconds) {
            return option("http_read_timeout", seconds);
        }

        /** {@code title-hash}, {@code manifest} or {@code random}. */
        public Builder ordering(String value) {
            return option("ordering", value == null || value.isBlank() ? null : value.trim());
        }

        /** PE's per-node timeout in seconds ({@code timeout}); null for PE's default. */
        public Builder peTimeoutSeconds(Integer seconds) {
            this.peTimeoutSeconds = seconds;
            return this;
        }

        public Builder description(String text) {
            this.description = text;
            return this;
        }

        public Builder userdata(Map<?, ?> map) {
            this.userdataMap = map;
            return this;
        }

        public Builder userdataJson(String json) {
            this.userdataJson = json;
            return this;
        }

        public Builder failOnPendingChanges(boolean value) {
            this.failOnPendingChanges = value;
            return this;
        }

        public Builder waitForCompletion(boolean value) {
            this.waitForCompletion = value;
            return this;
        }

        /** Null for {@link #DEFAULT_WAIT}. */
        public Builder waitTimeout(Duration timeout) {
            this.waitTimeout = timeout;
            return this;
        }

        public Builder stopOnAbort(boolean value) {
            this.stopOnAbort = value;
            return this;
        }

        public Builder forceStop(boolean value) {
            this.forceStop = value;
            return this;
        }

        private Builder flag(String key, boolean value) {
            return option(key, value ? Boolean.TRUE : null);
        }

        private Builder option(String key, Object value) {
            if (value == null) {
                options.remove(key);
            } else {
                options.put(key, value);
            }
            return this;
        }

        /**
         * @throws InvalidInputException listing every problem, each naming its field and the fix
         */
        public JobInput build() {
            List<InputProblem> problems = new ArrayList<>();
            JobScope scope = checkScope(problems);
            if (useNodeEnvironments && kind == Kind.TASK) {
                problems.add(new InputProblem(
                        "useNodeEnvironments",
                        "is for puppetRun only: a task is loaded from one environment; give" + " environment instead"));
            }
            if (useNodeEnvironments && environment != null && !environment.isBlank()) {
                problems.add(new InputProblem(
                        "environment",
                        "is given together with useNodeEnvironments: give one of them (useNodeEnvironments runs each"
                                + " node in its own environment)"));
            } else if (environment != null && !environment.isBlank()) {
                PuppetNames.environmentProblem(environment.trim())
                        .ifPresent(p -> problems.add(new InputProblem("environment", p)));
            }
            Map<String, Object> parameters = new LinkedHashMap<>();
            if (kind == Kind.TASK) {
                checkTask(problems);
                parameters = checkParameters(problems);
            }
            if (noop && noNoop) {
                problems.add(new InputProblem(
                        "noNoop",
                        "is set together with noop: choose noop (report what would change) or noNoop"
                                + " (enforce even on nodes configured for noop), not both"));
            }
            Map<String, Object> agent = new LinkedHashMap<>();
            if (kind == Kind.PUPPET_RUN) {
                agent = checkAgentOptions(problems);
            } else {
                refusedForTasks(problems);
            }
            if (peTimeoutSeconds != null && (peTimeoutSeconds <= 0 || peTimeoutSeconds > MAX_SECONDS)) {
                problems.add(new InputProblem(
                        "timeout",
                        "PE's per-node timeout must be between 1 and " + MAX_SECONDS + " seconds (7 days), got "
                                + peTimeoutSeconds + ": give the seconds one node may take, or leave it empty for"
                                + " PE's default"));
            }
            Map<String, Object> checkedUserdata = MapInput.userdata(userdataMap, userdataJson, problems);
            Duration timeout = WaitTimeouts.check("waitTimeout", waitTimeout, DEFAULT_WAIT, problems);
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return new JobInput(this, scope, parameters, agent, checkedUserdata, timeout);
        }

        private JobScope checkScope(List<InputProblem> problems) {
            int given = (nodes != null ? 1 : 0)
                    + (query != null && !query.isBlank() ? 1 : 0)
                    + (nodeGroup != null && !nodeGroup.isBlank() ? 1 : 0);
            if (given == 0) {
                problems.add(new InputProblem(
                        "nodes",
                        "no nodes to run on: give exactly one of nodes (a list of certnames), query (PQL) or"
                                + " nodeGroup (a node group ID)"));
                return JobScope.nodes(List.of());
            }
            if (given > 1) {
                problems.add(new InputProblem(
                        "nodes", "more than one of nodes, query and nodeGroup is given: give exactly one of them"));
                return JobScope.nodes(List.of());
            }
            if (nodes != null) {
                List<String> certnames = new ArrayList<>();
                for (Object node : nodes) {
                    String certname =
                            node instanceof CharSequence cs ? cs.toString().trim() : null;
                    String problem = certnameProblem(node, certname);
                    if (problem != null) {
                        problems.add(new InputProblem("nodes", problem));
                    } else if (!certnames.contains(certname)) {
                        certnames.add(certname);
                    }
                }
                if (nodes.isEmpty()) {
                    problems.add(new InputProblem(
                            "nodes", "is an empty list: give at least one certname, for example web01.example.com"));
                }
                return JobScope.nodes(certnames);
            }
            if (query != null && !query.isBlank()) {
                return JobScope.query(query.trim());
            }
            String id = nodeGroup.trim();
            if (!MapInput.isUuid(id)) {
                problems.add(new InputProblem(
                        "nodeGroup",
                        "'" + id + "' is not a node group ID: give the group's UUID from the console (Node groups »"
                                + " group » its ID), for example 00000000-0000-4000-8000-000000000000"));
            }
            return JobScope.nodeGroup(id);
        }

        /** Only names that can never be a certname are refused; anything else goes to PE. */
        private static String certnameProblem(Object node, String certname) {
            if (certname == null) {
                return "holds a value that is not text ("
                        + (node == null ? "null" : node.getClass().getSimpleName()) + "): give certnames as strings";
            }
            if (certname.isEmpty()) {
                return "holds an empty certname: remove it or write the node's certname";
            }
            for (int i = 0; i < certname.length(); i++) {
                char c = certname.charAt(i);
                if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                    return "'" + printable(certname) + "' is not a certname: certnames contain no spaces or control"
                            + " characters; give one certname per list entry";
                }
            }
            if (certname.contains("/")) {
                return "'" + certname + "' is not a certname: certnames contain no '/'; give the node's name, such as"
                        + " web01.example.com";
            }
            return null;
        }

        private static String printable(String s) {
            StringBuilder out = new StringBuilder();
            s.codePoints().forEach(c -> out.append(Character.isISOControl(c) ? "?" : Character.toString(c)));
            return out.toString();
        }

        private void checkTask(List<InputProblem> problems) {
            if (task == null || task.isBlank()) {
                problems.add(new InputProblem(
                        "task", "no task given: write the task's name, for example package or" + " mymodule::mytask"));
            } else if (!JobClient.TASK_NAME.matcher(task.trim()).matches()) {
                problems.add(new InputProblem(
                        "task",
                        "'" + task.trim() + "' is not a task name: write it as module::task (or just module for its"
                                + " init task) in lowercase letters, digits and underscores, for example"
                                + " package or mymodule::restart"));
            }
        }

        private Map<String, Object> checkParameters(List<InputProblem> problems) {
            Map<String, Object> out = new LinkedHashMap<>();
            Set<String> seen = new HashSet<>();
            for (TaskParameterInput p : parameterList) {
                if (acceptName(p.name(), seen, problems)) {
                    try {
                        putPlain(out, p.name(), p.value(), problems);
                    } catch (InvalidInputException e) {
                        problems.addAll(e.problems());
                    }
                }
            }
            Map<?, ?> raw = MapInput.read(
                    "parameters",
                    parametersMap,
                    parametersJson,
                    "{\"action\": \"status\", \"name\": \"openssl\"}",
                    problems);
            if (raw != null) {
                for (Map.Entry<?, ?> e : raw.entrySet()) {
                    String name = e.getKey() instanceof CharSequence cs ? cs.toString() : null;
                    if (acceptName(name, seen, problems)) {
                        putPlain(out, name, e.getValue(), problems);
                    }
                }
            }
            return out;
        }

        /** A name the task could declare, given once (a problem otherwise); remembered in {@code seen}. */
        private static boolean acceptName(String name, Set<String> seen, List<InputProblem> problems) {
            var nameProblem = PuppetNames.parameterNameProblem(name);
            if (nameProblem.isPresent()) {
                problems.add(new InputProblem(
                        "parameters",
                        nameProblem
                                .get()
                                .replace("plan parameter", "task parameter")
                                .replace("the plan declares", "the task declares")));
                return false;
            }
            if (!seen.add(name)) {
                problems.add(new InputProblem("parameters", "'" + name + "' is given twice: give each parameter once"));
                return false;
            }
            return true;
        }

        private static void putPlain(Map<String, Object> out, String name, Object value, List<InputProblem> problems) {
            try {
                out.put(name, PlainValues.copy(value));
            } catch (PlainValues.NotPlainException ex) {
                problems.add(MapInput.notPlain("parameters", name, ex));
            }
        }

        private Map<String, Object> checkAgentOptions(List<InputProblem> problems) {
            Map<String, Object> out = new LinkedHashMap<>(options);
            if (!parameterList.isEmpty()
                    || parametersMap != null
                    || (parametersJson != null && !parametersJson.isBlank())) {
                problems.add(
                        new InputProblem("parameters", "is for puppetTask only: a Puppet run takes no parameters"));
            }
            if (task != null && !task.isBlank()) {
                problems.add(new InputProblem("task", "is for puppetTask only: use puppetTask to run a task"));
            }
            for (String key : List.of(
                    "concurrency",
                    "filetimeout",
                    "http_connect_timeout",
                    "http_keepalive_timeout",
                    "http_read_timeout")) {
                Object value = out.get(key);
                if (value instanceof Integer i && (i <= 0 || i > MAX_SECONDS)) {
                    problems.add(new InputProblem(
                            fieldName(key),
                            "must be a positive whole number" + (key.equals("concurrency") ? "" : " of seconds")
                                    + ", got " + i + ": "
                                    + (key.equals("concurrency")
                                            ? "give the most nodes that may run at once, or leave it empty"
                                            : "give the agent's timeout in seconds, or leave it empty")));
                    out.remove(key);
                }
            }
            Object ordering = out.get("ordering");
            if (ordering != null && !ORDERINGS.contains(ordering)) {
                problems.add(new InputProblem(
                        "ordering", "'" + ordering + "' is not a Puppet ordering: use title-hash, manifest or random"));
            }
            putTags("tags", tags, out, problems);
            putTags("skip_tags", skipTags, out, problems);
            return out;
        }

        private void refusedForTasks(List<InputProblem> problems) {
            for (String key : options.keySet()) {
                problems.add(new InputProblem(
                        fieldName(key), "is a Puppet agent option for puppetRun only: remove it from puppetTask"));
            }
            if (tags != null || skipTags != null) {
                problems.add(new InputProblem(
                        tags != null ? "tags" : "skipTags", "is for puppetRun only: remove it from puppetTask"));
            }
            if (noNoop) {
                problems.add(new InputProblem("noNoop", "is for puppetRun only: remove it from puppetTask"));
            }
            if (failOnPendingChanges) {
                problems.add(new InputProblem(
                        "failOnPendingChanges", "is for puppetRun only: a task reports no pending changes"));
            }
        }

        private static void putTags(String key, Object value, Map<String, Object> out, List<InputProblem> problems) {
            if (value == null) {
                return;
            }
            List<String> tags = new ArrayList<>();
            if (value instanceof CharSequence text) {
                for (String part : text.toString().split(",")) {
                    tags.add(part.trim());
                }
            } else if (value instanceof Collection<?> list) {
                for (Object item : list) {
                    tags.add(item instanceof CharSequence cs ? cs.toString().trim() : null);
                }
            } else {
                tags.add(null);
            }
            tags.removeIf(t -> t != null && t.isEmpty());
            for (String tag : tags) {
                if (tag == null || !tag.matches("[A-Za-z0-9_][A-Za-z0-9_:.\\-]*")) {
                    problems.add(new InputProblem(
                            fieldName(key),
                            "holds '" + tag + "', which is not a Puppet tag: give class or resource tags such as"
                                    + " profile::web or nginx, as a list or separated by commas"));
                    return;
                }
            }
            if (!tags.isEmpty()) {
                out.put(key, String.join(",", tags));
            }
        }

        private static String fieldName(String key) {
            return switch (key) {
                case "filetimeout" -> "fileTimeout";
                case "http_connect_timeout" -> "httpConnectTimeout";
                case "http_keepalive_timeout" -> "httpKeepaliveTimeout";
                case "http_read_timeout" -> "httpReadTimeout";
                case "use_cached_catalog" -> "useCachedCatalog";
                case "usecacheonfailure" -> "useCacheOnFailure";
                case "skip_tags" -> "skipTags";
                default -> key;
            };
        }
    }
}
