package io.jenkins.plugins.puppetenterprise.jenkins;

import hudson.EnvVars;
import io.jenkins.plugins.puppetenterprise.core.TextMask;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * The values of the variables Pipeline knows to be sensitive around a step (credentials bound by
 * {@code withCredentials}, password parameters), as a mask. A step's own inputs are never saved,
 * so after a restart these are the only sensitive values a resumed wait can find again; Pipeline
 * keeps them itself (its own argument record shows them as {@code ${NAME}}).
 */
final class SensitiveVariables {
    private SensitiveVariables() {}

    static TextMask of(StepContext context) throws IOException, InterruptedException {
        EnvironmentExpander expander = context.get(EnvironmentExpander.class);
        if (expander == null) {
            return TextMask.NONE;
        }
        Set<String> names = expander.getSensitiveVariables();
        EnvVars env = names.isEmpty() ? null : context.get(EnvVars.class);
        return env == null ? TextMask.NONE : of(env, names);
    }

    static TextMask of(Map<String, String> environment, Set<String> sensitive) {
        return TextMask.of(sensitive.stream()
                .map(environment::get)
                .filter(value -> value != null)
                .collect(Collectors.toSet()));
    }
}
