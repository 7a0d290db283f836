package io.jenkins.plugins.puppetenterprise.simulator;

import java.util.Set;
import java.util.TreeSet;

/**
 * What a simulated PE user may do: the RBAC permissions this project's calls need.
 *
 * @param deployCode Code Manager: deploy code
 * @param runAllPlans Plans: run all plans
 * @param plans plans the user may run by name ({@code plan:run:<name>}) when not all
 * @param queryPuppetDb Nodes: view node data from PuppetDB, needed for {@code type: query} parameters
 * @param administer superuser rights, e.g. revoking other users' tokens
 */
public record UserPermissions(
        boolean deployCode, boolean runAllPlans, Set<String> plans, boolean queryPuppetDb, boolean administer) {

    public UserPermissions {
        plans = Set.copyOf(plans);
    }

    /** No permission at all: a user who can log in and do nothing else. */
    public static UserPermissions none() {
        return new UserPermissions(false, false, Set.of(), false, false);
    }

    /** Deploy code, run every plan, query PuppetDB; not an administrator. */
    public static UserPermissions deployer() {
        return new UserPermissions(true, true, Set.of(), true, false);
    }

    /** Everything, like PE's {@code admin}. */
    public static UserPermissions all() {
        return new UserPermissions(true, true, Set.of(), true, true);
    }

    public UserPermissions withDeployCode() {
        return new UserPermissions(true, runAllPlans, plans, queryPuppetDb, administer);
    }

    public UserPermissions withAllPlans() {
        return new UserPermissions(deployCode, true, plans, queryPuppetDb, administer);
    }

    public UserPermissions withPlans(String... names) {
        Set<String> more = new TreeSet<>(plans);
        more.addAll(Set.of(names));
        return new UserPermissions(deployCode, runAllPlans, more, queryPuppetDb, administer);
    }

    public UserPermissions withPuppetDbQueries() {
        return new UserPermissions(deployCode, runAllPlans, plans, true, administer);
    }

    public UserPermissions withAdministration() {
        return new UserPermissions(deployCode, runAllPlans, plans, queryPuppetDb, true);
    }

    public boolean mayRunPlan(String planName) {
        return administer || runAllPlans || plans.contains(planName);
    }
}
