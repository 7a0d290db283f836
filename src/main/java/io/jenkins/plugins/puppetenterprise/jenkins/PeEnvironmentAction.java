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
 * {@code PE_JOB_URL}, {@code PE_FAILED_NODES} and {@code PE_NODES_<STATE>}; for deploys {@code PE_DEPLOY_STATUS_<ENVIRONMENT>}. The latest step of each kind replaces that kind's variables.
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

    /**
     * Each step replaces what it exports: the common variables always, and its kind's family
     * (plan, job with its node variables, deploy statuses) when it has one, so nothing of an
     * earlier step of that kind remains (a failed node count after a clean run, say).
     */
    synchronized void put(Map<String, Object> result) {
        replace("PE_VERDICT", result.get("verdict"));
        replace("PE_MESSAGE", result.get("message"));
        replace("PE_SERVER", result.get("server"));
        if (result.get("planJob") != null) {
            replace("PE_PLAN_JOB", result.get("planJob"));
            replace("PE_PLAN_STATE", result.get("state"));
            replace("PE_PLAN_URL", result.get("url"));
        }
        if (result.get("job") != null) {
            replace("PE_JOB", result.get("job"));
            replace("PE_JOB_STATE", result.get("state"));
            replace("PE_JOB_URL", result.get("url"));
            variables.keySet().removeIf(name -> name.startsWith("PE_NODES_"));
            variables.remove("PE_FAILED_NODES");
        }
        if (result.get("counts") instanceof Map<?, ?> counts) {
            counts.forEach((state, count) ->
                    replace("PE_NODES_" + String.valueOf(state).toUpperCase(java.util.Locale.ROOT), count));
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
            variables.keySet().removeIf(name -> name.startsWith("PE_DEPLOY_STATUS_"));
            environments.forEach((name, env) -> {
                if (env instanceof Map<?, ?> e) {
                    replace(
                            "PE_DEPLOY_STATUS_" + String.valueOf(name).toUpperCase(java.util.Locale.ROOT),
                            e.get("status"));
                }
            });
        }
    }

    /** Sets the variable, or removes it when this step has no value for it. */
    private void replace(String name, Object value) {
        if (value == null) {
            variables.remove(name);
        } else {
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
