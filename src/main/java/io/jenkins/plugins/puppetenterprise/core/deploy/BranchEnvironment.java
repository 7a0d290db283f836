package io.jenkins.plugins.puppetenterprise.core.deploy;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Git branch and the Code Manager environment it deploys as. The name is mapped exactly as r10k
 * corrects invalid branch names ({@code R10K::Environment::Name}): every character outside
 * {@code [A-Za-z0-9_]} becomes {@code _}, case is kept, and a source's prefix is joined with
 * {@code _}.
 *
 * @param branch the branch as the user gave it, cleaned of {@code refs/heads/} and a leading remote
 * @param environment the environment Code Manager deploys the branch as
 */
public record BranchEnvironment(String branch, String environment) {
    /**
     * Code Manager's default ({@code invalid_branches: error}) skips such branches: the hint that
     * the help and a "not found" answer give.
     */
    public static final String CORRECTION_HINT = "Code Manager does not correct branch names by default: it skips"
            + " a branch whose name is not an environment name. To deploy it, set invalid_branches to correct"
            + " (or correct_and_warn) for the control repository's source in the Code Manager sources setting"
            + " (puppet_enterprise::master::code_manager::sources), or rename the branch to letters, digits and"
            + " underscores only";

    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern REMOTE_REF = Pattern.compile("^refs/remotes/[^/]+/");
    private static final String HEADS = "refs/heads/";
    private static final String ORIGIN = "origin/";

    public BranchEnvironment {
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(environment, "environment");
    }

    /**
     * The branch {@code rawBranch} deploys as, with the source's {@code prefix} (null or blank for
     * none; r10k's {@code prefix: true} means the source's name as the prefix).
     */
    public static BranchEnvironment of(String rawBranch, String prefix) {
        String branch = clean(rawBranch);
        String head = prefix == null || prefix.isBlank() ? "" : prefix.trim() + "_";
        return new BranchEnvironment(branch, head + correct(branch));
    }

    /**
     * The branch without {@code refs/heads/}, {@code refs/remotes/<remote>/} or a leading
     * {@code origin/} (freestyle's {@code $GIT_BRANCH} is {@code origin/feature/x}).
     */
    public static String clean(String rawBranch) {
        String branch = rawBranch == null ? "" : rawBranch.trim();
        if (branch.startsWith(HEADS)) {
            return branch.substring(HEADS.length());
        }
        branch = REMOTE_REF.matcher(branch).replaceFirst("");
        return branch.startsWith(ORIGIN) ? branch.substring(ORIGIN.length()) : branch;
    }

    /** r10k's correction: each character (code point) outside {@code [A-Za-z0-9_]} becomes {@code _}. */
    public static String correct(String name) {
        StringBuilder corrected = new StringBuilder(name.length());
        name.codePoints().forEach(c -> corrected.append(isWordCharacter(c) ? (char) c : '_'));
        return corrected.toString();
    }

    /** Whether {@code prefix} can start an environment name (r10k does not correct prefixes). */
    public static boolean isValidPrefix(String prefix) {
        return WORD.matcher(prefix.trim()).matches();
    }

    /** Whether Code Manager had to correct the branch's name to deploy it. */
    public boolean corrected() {
        return !correct(branch).equals(branch);
    }

    /** Whether upper case remains: Puppet expects lower-case environment names. */
    public boolean hasUpperCase() {
        return !environment.toLowerCase(Locale.ROOT).equals(environment);
    }

    /** The log line: {@code branch feature/JIRA-12-x deploys environment feature_JIRA_12_x}. */
    public String describe() {
        return "branch " + branch + " deploys environment " + environment;
    }

    private static boolean isWordCharacter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}
