package io.jenkins.plugins.puppetenterprise.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A validated request to deploy code with Code Manager. Built only through {@link Builder#build()},
 * which reports every problem of the user's input at once, naming the fields as the steps do.
 */
public final class CodeDeployInput {
    private final List<String> environments;
    private final boolean all;
    private final boolean waitForCompletion;
    private final boolean dryRun;
    private final Boolean deployModules;
    private final List<String> modules;
    private final Duration waitTimeout;

    private CodeDeployInput(Builder b, Duration waitTimeout) {
        this.environments = List.copyOf(b.environments);
        this.all = b.all;
        this.waitForCompletion = b.waitForCompletion;
        this.dryRun = b.dryRun;
        this.deployModules = b.deployModules;
        this.modules = List.copyOf(b.modules);
        this.waitTimeout = waitTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The environments to deploy; empty when {@link #all()}. */
    public List<String> environments() {
        return environments;
    }

    /** Deploy every environment of the control repository. */
    public boolean all() {
        return all;
    }

    public boolean waitForCompletion() {
        return waitForCompletion;
    }

    public boolean dryRun() {
        return dryRun;
    }

    /** Whether Puppetfile modules are deployed, or null to leave it to PE (which deploys them). */
    public Boolean deployModules() {
        return deployModules;
    }

    /** Restrict the deploy to these modules; empty for no restriction. */
    public List<String> modules() {
        return modules;
    }

    /** How long to wait for the deploy to finish before giving up. */
    public Duration waitTimeout() {
        return waitTimeout;
    }

    /** What a build log says before the deploy is sent. */
    public String describe() {
        String what = all ? "all environments" : String.join(", ", environments);
        return (dryRun ? "Code Manager dry run for " : "Deploying code to ") + what;
    }

    @Override
    public String toString() {
        return "CodeDeployInput[environments=" + environments + ", all=" + all + ", wait=" + waitForCompletion
                + ", dryRun=" + dryRun + ", deployModules=" + deployModules + ", modules=" + modules
                + ", waitTimeout=" + waitTimeout + "]";
    }

    /** Collects raw user input; nothing is checked until {@link #build()}. */
    public static final class Builder {
        private List<String> environments = new ArrayList<>();
        private boolean all;
        private boolean waitForCompletion = true;
        private boolean dryRun;
        private Boolean deployModules;
        private List<String> modules = new ArrayList<>();
        private Duration waitTimeout;

        private Builder() {}

        /** Environment names as a list (Pipeline); null means none. */
        public Builder environments(List<String> names) {
            this.environments = names == null ? new ArrayList<>() : new ArrayList<>(names);
            return this;
        }

        /** Environment names typed in one field, separated by commas, spaces or new lines. */
        public Builder environmentsText(String text) {
            this.environments = new ArrayList<>(ListInput.split(text));
            return this;
        }

        public Builder all(boolean all) {
            this.all = all;
            return this;
        }

        /** Wait until every environment is deployed and synced, or failed (default true). */
        public Builder waitForCompletion(boolean wait) {
            this.waitForCompletion = wait;
            return this;
        }

        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** Null leaves the choice to PE (modules are deployed). */
        public Builder deployModules(Boolean deployModules) {
            this.deployModules = deployModules;
            return this;
        }

        public Builder modules(List<String> names) {
            this.modules = names == null ? new ArrayList<>() : new ArrayList<>(names);
            return this;
        }

        /** Module names typed in one field, separated by commas, spaces or new lines. */
        public Builder modulesText(String text) {
            this.modules = new ArrayList<>(ListInput.split(text));
            return this;
        }

        /** Null for {@link WaitTimeouts#DEFAULT_DEPLOY_WAIT}. */
        public Builder waitTimeout(Duration timeout) {
            this.waitTimeout = timeout;
            return this;
        }

        /**
         * @throws InvalidInputException listing every problem, each naming its field and the fix
         */
        public CodeDeployInput build() {
            List<InputProblem> problems = new ArrayList<>();
            checkEnvironments(problems);
            checkModules(problems);
            Duration timeout =
                    WaitTimeouts.check("waitTimeout", waitTimeout, WaitTimeouts.DEFAULT_DEPLOY_WAIT, problems);
            InvalidInputException.throwIfAny(problems);
            return new CodeDeployInput(this, timeout);
        }

        private void checkEnvironments(List<InputProblem> problems) {
            if (all && !environments.isEmpty()) {
                problems.add(new InputProblem(
                        "all",
                        "both environments and all: true are set: either list the environments or set all: true to"
                                + " deploy every environment, not both"));
                return;
            }
            if (!all && environments.isEmpty()) {
                problems.add(new InputProblem(
                        "environments",
                        "no environment given: list at least one environment, for example ['production'], or set"
                                + " all: true to deploy every environment"));
                return;
            }
            Set<String> seen = new HashSet<>();
            for (String name : environments) {
                PuppetNames.environmentProblem(name).ifPresent(p -> problems.add(new InputProblem("environments", p)));
                if (name != null && !name.isBlank() && !seen.add(name)) {
                    problems.add(new InputProblem(
                            "environments", "'" + name + "' is listed twice: list each environment once"));
                }
            }
        }

        private void checkModules(List<InputProblem> problems) {
            for (String name : modules) {
                PuppetNames.moduleProblem(name).ifPresent(p -> problems.add(new InputProblem("modules", p)));
            }
            if (!modules.isEmpty() && Boolean.FALSE.equals(deployModules)) {
                problems.add(new InputProblem(
                        "modules",
                        "modules are listed while deployModules is false: remove the modules or set deployModules"
                                + " to true"));
            }
        }
    }
}
