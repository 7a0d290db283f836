package io.jenkins.plugins.puppetenterprise.jenkins;

import hudson.EnvVars;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Run;
import io.jenkins.plugins.puppetenterprise.core.Outcome;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exports a freestyle build step's outcome to later build steps: {@code PE_VERDICT},
 * {@code PE_MESSAGE}, {@code PE_SERVER}; for plans {@code PE_PLAN_JOB}, {@code PE_PLAN_STATE},
 * {@code PE_PLAN_URL}; for Puppet runs and tasks {@code PE_JOB}, {@code PE_JOB_STATE},
 * {@code PE_JOB_URL}, {@code PE_FAILED_NODES} and {@code PE_NODES_<STATE>}; for deploys {@code PE_DEPLOY_STATUS_<ENVIRONMENT>}. The latest step wins.
 */
public final class PeEnvironmentAction implements EnvironmentContributingAction {
    private final TreeMap<String, String> variables = new TreeMap<>();

    static void export(Run<?, ?> run, Outcome outcome) {
        synchronized (run) {
            PeEnvironmentAction action = run.getAction(PeEnvironmentAction.class);
            if (action == null) {
                action = new PeEnvironmentAction();
                run.addOrReplaceAction(action);
            }
            action.put(outcome.result());
        }
    }

    synchronized void put(Map<String, Object> result) {
        putIfPresent("PE_VERDICT", result.get("verdict"));
        putIfPresent("PE_MESSAGE", result.get("message"));
        putIfPresent("PE_SERVER", result.get("server"));
        putIfPresent("PE_PLAN_JOB", result.get("planJob"));
        putIfPresent("PE_PLAN_STATE", result.get("state"));
        putIfPresent("PE_PLAN_URL", result.get("url"));
        putIfPresent("PE_JOB", result.get("job"));
        if (result.get("job") != null) {
            putIfPresent("PE_JOB_STATE", result.get("state"));
            putIfPresent("PE_JOB_URL", result.get("url"));
        }
        if (result.get("counts") instanceof Map<?, ?> counts) {
            counts.forEach((state, count) ->
                    putIfPresent("PE_NODES_" + String.valueOf(state).toUpperCase(java.util.Locale.ROOT), count));
        }
        if (result.get("nodes") instanceof List<?> nodes) {
            List<String> failed = new java.util.ArrayList<>();
            for (Object node : nodes) {
                if (node instanceof Map<?, ?> n && n.get("error") != null) {
                    failed.add(String.valueOf(n.get("name")));
                }
            }
            variables.put("PE_FAILED_NODES", String.join(",", failed));
        }
        if (result.get("environments") instanceof Map<?, ?> environments) {
            environments.forEach((name, env) -> {
                if (env instanceof Map<?, ?> e) {
                    putIfPresent(
                            "PE_DEPLOY_STATUS_" + String.valueOf(name).toUpperCase(java.util.Locale.ROOT),
                            e.get("status"));
                }
            });
        }
    }

    private void putIfPresent(String name, Object value) {
        if (value != null) {
            variables.put(name, String.valueOf(value));
        }
    }

    synchronized Map<String, String> variables() {
        return Map.copyOf(variables);
    }

    @Override
    public void buildEnvironment(Run<?, ?> run, EnvVars env) {
        env.putAll(variables());
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
