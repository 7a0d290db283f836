package io.jenkins.plugins.puppetenterprise.core.input;

import io.jenkins.plugins.puppetenterprise.core.deploy.BranchEnvironment;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The naming rules PE applies to environments, plans, plan parameters and modules, checked here
 * so that a typo is reported in words before anything is sent.
 */
public final class PuppetNames {
    // Puppet's own environment name rule; Code Manager corrects a branch like feature/x to feature_x if told to.
    private static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9_]+");
    private static final Pattern SEGMENT = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern PLAN = Pattern.compile("[a-z][a-z0-9_]*(::[a-z][a-z0-9_]*)*");

    private PuppetNames() {}

    /** Why {@code name} is not a Puppet environment name, or empty when it is one. */
    public static Optional<String> environmentProblem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("an environment name is empty: remove it or write the environment's name");
        }
        if (!ENVIRONMENT.matcher(name).matches()) {
            return Optional.of("'" + name + "' is not a Puppet environment name: use only lowercase letters, digits"
                    + " and underscores (a branch named like that deploys as environment '"
                    + BranchEnvironment.correct(name.trim()) + "' only when Code Manager corrects branch names: list"
                    + " it under branches instead)");
        }
        return Optional.empty();
    }

    /** Why {@code name} is not a plan name such as {@code mymodule} or {@code mymodule::deploy}. */
    public static Optional<String> planProblem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("no plan given: write the plan's name, for example mymodule::deploy");
        }
        if (!PLAN.matcher(name).matches()) {
            return Optional.of("'" + name + "' is not a plan name: write it as module::plan in lowercase letters,"
                    + " digits and underscores, for example mymodule::deploy (a module's init plan is just"
                    + " mymodule)");
        }
        return Optional.empty();
    }

    /** Why {@code name} cannot name a plan parameter. */
    public static Optional<String> parameterNameProblem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("a parameter has no name: give every parameter the name the plan declares");
        }
        if (!SEGMENT.matcher(name).matches()) {
            return Optional.of("'" + name + "' is not a plan parameter name: parameter names start with a lowercase"
                    + " letter and contain only lowercase letters, digits and underscores");
        }
        return Optional.empty();
    }

    /** Why {@code name} is not a module name as Code Manager's {@code modules} list expects. */
    public static Optional<String> moduleProblem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("a module name is empty: remove it or write the module's name, for example apache");
        }
        if (!SEGMENT.matcher(name).matches()) {
            return Optional.of("'" + name + "' is not a module name: write the short name as in the Puppetfile"
                    + " (apache, not puppetlabs-apache), in lowercase letters, digits and underscores");
        }
        return Optional.empty();
    }
}
