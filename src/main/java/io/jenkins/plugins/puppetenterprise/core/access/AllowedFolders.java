package io.jenkins.plugins.puppetenterprise.core.access;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The folders whose jobs may use a PE installation, as full names ({@code team-a/web}); none means
 * every job may. A job is inside a folder at any depth, matched on whole path segments: {@code
 * team-a} covers {@code team-a/x/y}, not {@code team-ab/x}.
 */
public final class AllowedFolders {
    public static final AllowedFolders UNRESTRICTED = new AllowedFolders(List.of());
    /** Marks the entry that stands for folders that were deleted; {@code [} is not allowed in item names. */
    public static final String DELETED = "[deleted] ";

    private final List<String> folders;

    private AllowedFolders(List<String> folders) {
        this.folders = List.copyOf(folders);
    }

    /**
     * Entries as an administrator gives them: a form's text (one per line) or a JCasC list. Blank
     * entries are dropped, surrounding spaces and slashes and repeated slashes removed (Jenkins names
     * never start or end with a space), duplicates kept once; names of folders that do not exist yet
     * are kept (Configuration as Code runs before Job DSL creates them).
     */
    public static AllowedFolders of(List<String> entries) {
        Set<String> folders = new LinkedHashSet<>();
        if (entries != null) {
            for (String entry : entries) {
                if (entry == null) {
                    continue;
                }
                for (String line : entry.split("\\R")) {
                    String name = normalized(line);
                    if (!name.isEmpty()) {
                        folders.add(name);
                    }
                }
            }
        }
        return folders.isEmpty() ? UNRESTRICTED : new AllowedFolders(new ArrayList<>(folders));
    }

    private static String normalized(String entry) {
        List<String> segments = new ArrayList<>();
        for (String segment : entry.split("/")) {
            String trimmed = segment.trim();
            if (!trimmed.isEmpty()) {
                segments.add(trimmed);
            }
        }
        return String.join("/", segments);
    }

    public List<String> folders() {
        return folders;
    }

    public boolean isRestricted() {
        return !folders.isEmpty();
    }

    /** Whether the job with this full name may use the installation. */
    public boolean allows(String jobFullName) {
        return !isRestricted() || folders.stream().anyMatch(folder -> inside(jobFullName, folder));
    }

    private static boolean inside(String fullName, String folder) {
        return fullName != null && fullName.startsWith(folder + "/");
    }

    private static boolean atOrInside(String fullName, String folder) {
        return fullName.equals(folder) || inside(fullName, folder);
    }

    /**
     * The entries after a folder moved or was renamed: an entry naming it, or a folder inside it,
     * follows it, so the same jobs keep the same rights.
     */
    public AllowedFolders moved(String oldFullName, String newFullName) {
        List<String> updated = new ArrayList<>();
        for (String folder : folders) {
            updated.add(
                    atOrInside(folder, oldFullName) ? newFullName + folder.substring(oldFullName.length()) : folder);
        }
        return of(updated);
    }

    /**
     * The entries after an item was deleted: entries naming it or a folder inside it are dropped, so
     * a folder created later under the freed name is not trusted. Dropping the last entry would turn
     * the restriction into "every job", so that one is kept as {@code [deleted] name} instead: no
     * Jenkins item can have that name ({@code [} is not allowed), so no job may use the installation
     * until an administrator decides, and the form shows why.
     */
    public AllowedFolders deleted(String fullName) {
        List<String> kept =
                folders.stream().filter(f -> !atOrInside(f, fullName)).toList();
        if (kept.isEmpty() && isRestricted()) {
            return new AllowedFolders(List.of(DELETED + folders.get(0)));
        }
        return of(kept);
    }

    /** Why a job may not use the installation, naming the installation, the setting and the fixes. */
    public Optional<String> refusal(String installation, String jobFullName) {
        if (allows(jobFullName)) {
            return Optional.empty();
        }
        if (folders.stream().allMatch(f -> f.startsWith(DELETED))) {
            return Optional.of("The Puppet Enterprise installation '" + installation + "' may only be used by jobs in"
                    + " folders that have since been deleted (its setting 'Allowed folders' under Manage Jenkins »"
                    + " System » Puppet Enterprise says " + String.join(", ", folders) + "), so no job may use it."
                    + " Ask an administrator to name the folders whose jobs may use it.");
        }
        return Optional.of("The Puppet Enterprise installation '" + installation + "' may only be used by jobs in the"
                + " folders " + String.join(", ", folders) + " (its setting 'Allowed folders' under Manage Jenkins"
                + " » System » Puppet Enterprise), and '" + jobFullName + "' is not in any of them. Move the job"
                + " into one of those folders, name another installation with 'server', or ask an administrator"
                + " to add its folder.");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AllowedFolders other && folders.equals(other.folders);
    }

    @Override
    public int hashCode() {
        return folders.hashCode();
    }

    @Override
    public String toString() {
        return isRestricted() ? String.join(", ", folders) : "(unrestricted)";
    }
}
