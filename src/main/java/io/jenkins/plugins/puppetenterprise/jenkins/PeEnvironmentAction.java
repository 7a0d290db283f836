package io.jenkins.plugins.puppetenterprise.jenkins;

import hudson.EnvVars;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Run;
import io.jenkins.plugins.puppetenterprise.core.Outcome;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exports a freestyle build step's outcome to later build steps: {@code PE_VERDICT},
 * {@code PE_MESSAGE}, {@code PE_SERVER}; for plans {@code PE_PLAN_JOB}, {@code PE_PLAN_STATE},
 * {@code PE_PLAN_URL}; for deploys {@code PE_DEPLOY_STATUS_<ENVIRONMENT>}. The latest step wins.
 */
public final class PeEnvironmentAction implements EnvironmentContributingAction {
    private final Map<String, String> variables = new TreeMap<>();

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
