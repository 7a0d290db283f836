package io.jenkins.plugins.puppetenterprise.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's command line. Without PE settings it runs offline against the simulator; with a
 * primary host (or the service URLs), a CA file and credentials it works on that PE.
 */
record DemoOptions(
        Map<String, String> values,
        List<String> params,
        boolean noWait,
        boolean dryRun,
        boolean deployAll,
        boolean puppetRun) {

    static final String USAGE = """
            Usage: DemoMain                       offline: the PE simulator, a deploy of production and broken,
                                                  then plan canary; exits 1 because broken fails
                   DemoMain [--environments a,b] [--plan NAME [--param name=value]... | --params-json JSON]
                                                  offline, choosing what to run (plan canary
                                                  needs --param nodes=node1.example.com)
                   DemoMain [--puppet-run] [--task NAME [--param name=value]... | --params-json JSON]
                            --nodes a,b [--environments a,b] [--plan NAME]
                                                  offline, a Puppet run and/or a task on those nodes
                                                  (the Puppet run fails on broken.example.com); only
                                                  the work named runs
                   DemoMain --primary HOST | --rbac-url URL --code-manager-url URL --orchestrator-url URL
                            [--console-url URL] --ca-file PEM
                            (--token-file FILE | --user NAME) [--server NAME]
                            [--deploy a,b | --deploy-all] [--dry-run]
                            [--plan NAME] [--param name=value]... [--params-json JSON] [--environment ENV]
                            [--puppet-run] [--task NAME] [--nodes a,b]
                            [--no-wait] [--wait-timeout 10m]
            With --user, the password is read from the environment variable PE_PASSWORD (or the console),
            and the token it mints is revoked at the end. A token is read from --token-file or PE_TOKEN.
            Exit status: 0 success, 1 a failure or unknown outcome (as a build would fail), 2 bad arguments.
            """;

    private static final List<String> VALUED = List.of(
            "environments",
            "plan",
            "primary",
            "rbac-url",
            "code-manager-url",
            "orchestrator-url",
            "console-url",
            "ca-file",
            "token-file",
            "user",
            "server",
            "deploy",
            "params-json",
            "environment",
            "wait-timeout",
            "nodes",
            "task");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(s|m|h)");

    /** @throws IllegalArgumentException naming the argument that is wrong */
    static DemoOptions parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> params = new ArrayList<>();
        boolean noWait = false;
        boolean dryRun = false;
        boolean deployAll = false;
        boolean puppetRun = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--no-wait" -> noWait = true;
                case "--dry-run" -> dryRun = true;
                case "--deploy-all" -> deployAll = true;
                case "--puppet-run" -> puppetRun = true;
                case "--param" -> params.add(valueAfter(args, i++));
                default -> {
                    String name = arg.startsWith("--") ? arg.substring(2) : null;
                    if (name == null || !VALUED.contains(name)) {
                        throw new IllegalArgumentException("Unknown argument " + arg);
                    }
                    values.put(name, valueAfter(args, i++));
                }
            }
        }
        DemoOptions options = new DemoOptions(values, params, noWait, dryRun, deployAll, puppetRun);
        options.checkJobs();
        return options;
    }

    /** The Puppet-run and task options fit together; their values are checked by JobInput. */
    private void checkJobs() {
        boolean jobs = runsJobs();
        if (jobs && !values.containsKey("nodes")) {
            throw new IllegalArgumentException((puppetRun ? "--puppet-run" : "--task") + " needs --nodes a,b: the"
                    + " certnames to run on, for example --nodes node1.example.com,node2.example.com");
        }
        if (!jobs && values.containsKey("nodes")) {
            throw new IllegalArgumentException("--nodes is for --puppet-run and --task: add one of them");
        }
        if (values.containsKey("task") && values.containsKey("plan")) {
            throw new IllegalArgumentException(
                    "--plan and --task both take --param and --params-json: run one of" + " them at a time");
        }
        if ((!params.isEmpty() || values.containsKey("params-json"))
                && !values.containsKey("plan")
                && !values.containsKey("task")) {
            throw new IllegalArgumentException("--param and --params-json are for --plan or --task (a Puppet run"
                    + " takes no parameters): add --plan NAME or --task NAME");
        }
    }

    /** A Puppet run or a task is asked for. */
    boolean runsJobs() {
        return puppetRun || values.containsKey("task");
    }

    /** The certnames of {@code --nodes}, as typed between the commas (JobInput refuses what cannot be one). */
    List<String> nodes() {
        String text = values.get("nodes");
        return text == null
                ? List.of()
                : Arrays.stream(text.split(",")).map(String::trim).toList();
    }

    private static String valueAfter(String[] args, int i) {
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(args[i] + " needs a value");
        }
        return args[i + 1];
    }

    /** No PE named: run against the simulator. */
    boolean offline() {
        return !values.containsKey("primary") && !values.containsKey("rbac-url");
    }

    String value(String name) {
        return values.get(name);
    }

    String value(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    Path caFile() {
        String file = values.get("ca-file");
        if (file == null) {
            throw new IllegalArgumentException("--ca-file is required with a real PE: the PE CA bundle, e.g. a copy"
                    + " of /etc/puppetlabs/puppet/ssl/certs/ca.pem from the primary");
        }
        return Path.of(file);
    }

    /** The wait timeout, or null for the core's default. */
    Duration waitTimeout() {
        String text = values.get("wait-timeout");
        if (text == null) {
            return null;
        }
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--wait-timeout must be like 90s, 10m or 2h; got " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    /** {@code --param name=value} pairs; values stay strings, as typed. */
    Map<String, Object> paramMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("--param must be name=value; got " + p);
            }
            map.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return map;
    }
}
