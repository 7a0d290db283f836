package io.jenkins.plugins.puppetenterprise.core.deploy;

import io.jenkins.plugins.puppetenterprise.core.input.InputProblem;
import io.jenkins.plugins.puppetenterprise.core.input.InvalidInputException;
import io.jenkins.plugins.puppetenterprise.core.input.PuppetNames;
import io.jenkins.plugins.puppetenterprise.core.input.WaitTimeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated request to deploy code with Code Manager. Built only through {@link Builder#build()},
 * which reports every problem of the user's input at once, naming the fields as the steps do.
 */
public final class CodeDeployInput {
    private final List<String> environments;
    private final List<BranchEnvironment> branches;
    private final boolean all;
    private final boolean waitForCompletion;
    private final boolean dryRun;
    private final Boolean deployModules;
    private final List<String> modules;
    private final Duration waitTimeout;

    private CodeDeployInput(Builder b, List<BranchEnvironment> branches, Duration waitTimeout) {
        this.branches = List.copyOf(branches);
        this.environments = branches.isEmpty()
                ? List.copyOf(b.environments)
                : branches.stream().map(BranchEnvironment::environment).toList();
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

    /** The environments to deploy (those the branches deploy as, when given); empty when {@link #all()}. */
    public List<String> environments() {
        return environments;
    }

    /** The branches given instead of environments, each with its environment; empty when none. */
    public List<BranchEnvironment> branches() {
        return branches;
    }

    /** The branch whose corrected name {@code environment} is, or null. */
    public String correctedBranchOf(String environment) {
        return branches.stream()
                .filter(b -> b.environment().equals(environment) && b.corrected())
                .map(BranchEnvironment::branch)
                .findFirst()
                .orElse(null);
    }

    /** The log lines that say which branch deploys which environment, and warn about upper case. */
    public List<String> branchNotes() {
        List<String> notes = new ArrayList<>();
        for (BranchEnvironment b : branches) {
            notes.add("The " + b.describe() + ".");
            if (b.hasUpperCase()) {
                notes.add("Warning: environment " + b.environment() + " keeps the upper case of its branch, as Code"
                        + " Manager does; Puppet expects lower-case environment names, so nodes may not find it:"
                        + " prefer lower-case branch names.");
            }
        }
        return notes;
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
        return "CodeDeployInput[environments=" + environments + ", branches=" + branches + ", all=" + all + ", wait="
                + waitForCompletion
                + ", dryRun=" + dryRun + ", deployModules=" + deployModules + ", modules=" + modules
                + ", waitTimeout=" + waitTimeout + "]";
    }

    /** Collects raw user input; nothing is checked until {@link #build()}. */
    public static final class Builder {
        private List<String> environments = new ArrayList<>();
        private List<String> branchNames = new ArrayList<>();
        private String environmentPrefix;
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

        /** Git branch names to deploy instead of environments (Pipeline); null means none. */
        public Builder branches(List<String> names) {
            this.branchNames = names == null ? new ArrayList<>() : new ArrayList<>(names);
            return this;
        }

        /** Branch names typed in one field, separated by commas, spaces or new lines. */
        public Builder branchesText(String text) {
            this.branchNames = new ArrayList<>(ListInput.split(text));
            return this;
        }

        /** The prefix of the control repository's source ({@code prefix} in its settings); null for none. */
        public Builder environmentPrefix(String prefix) {
            this.environmentPrefix = prefix == null || prefix.isBlank() ? null : prefix.trim();
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
            List<BranchEnvironment> branches = List.of();
            if (branchNames.isEmpty()) {
                checkEnvironments(problems);
                if (environmentPrefix != null) {
                    problems.add(new InputProblem(
                            "environmentPrefix",
                            "environmentPrefix is set without branches: it applies only to branches, so remove it"
                                    + " or list branches instead of environments"));
                }
            } else {
                branches = checkBranches(problems);
            }
            checkModules(problems);
            Duration timeout =
                    WaitTimeouts.check("waitTimeout", waitTimeout, WaitTimeouts.DEFAULT_DEPLOY_WAIT, problems);
            InvalidInputException.throwIfAny(problems);
            return new CodeDeployInput(this, branches, timeout);
        }

        /** Branches skip the lower-case check: Code Manager keeps the case of the branch. */
        private List<BranchEnvironment> checkBranches(List<InputProblem> problems) {
            if (!environments.isEmpty()) {
                problems.add(new InputProblem(
                        "branches",
                        "both environments and branches are set: list either the environments or the branches"
                                + " that deploy them, not both"));
            }
            if (all) {
                problems.add(new InputProblem(
                        "all",
                        "both branches and all: true are set: either list the branches or set all: true to"
                                + " deploy every environment, not both"));
            }
            if (environmentPrefix != null && !BranchEnvironment.isValidPrefix(environmentPrefix)) {
                problems.add(new InputProblem(
                        "environmentPrefix",
                        "'" + environmentPrefix + "' is not a source prefix Code Manager can use: write the"
                                + " source's prefix in letters, digits and underscores (for a source with prefix:"
                                + " true, its name)"));
            }
            List<BranchEnvironment> mapped = new ArrayList<>();
            Map<String, String> branchOfEnvironment = new HashMap<>();
            for (String raw : branchNames) {
                BranchEnvironment b = BranchEnvironment.of(raw, environmentPrefix);
                if (b.branch().isEmpty()) {
                    problems.add(new InputProblem(
                            "branches",
                            "a branch name is empty: remove it or write the branch's name, for example"
                                    + " feature/JIRA-12-x or $BRANCH_NAME"));
                    continue;
                }
                String earlier = branchOfEnvironment.putIfAbsent(b.environment(), b.branch());
                if (earlier != null) {
                    problems.add(new InputProblem(
                            "branches",
                            earlier.equals(b.branch())
                                    ? "'" + b.branch() + "' is listed twice: list each branch once"
                                    : "branches '" + earlier + "' and '" + b.branch() + "' both deploy environment "
                                            + b.environment() + ": list only one of them"));
                    continue;
                }
                mapped.add(b);
            }
            return mapped;
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
                        "no environment given: list at least one environment, for example ['production'], list"
                                + " branches instead, or set all: true to deploy every environment"));
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
