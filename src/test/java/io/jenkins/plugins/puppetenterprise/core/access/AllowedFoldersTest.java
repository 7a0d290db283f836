package io.jenkins.plugins.puppetenterprise.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedFoldersTest {
    private static AllowedFolders folders(String... entries) {
        return AllowedFolders.of(Arrays.asList(entries));
    }

    @Test
    void noEntriesMeansEveryJob() {
        assertThat(AllowedFolders.of(null).isRestricted()).isFalse();
        assertThat(folders("", "  ", null).isRestricted()).isFalse();
        assertThat(folders().allows("anything/at/all")).isTrue();
        assertThat(folders().refusal("production", "top")).isEmpty();
    }

    @Test
    void jobsInsideAFolderAtAnyDepthMatchOnWholeSegments() {
        AllowedFolders allowed = folders("team-a");
        assertThat(allowed.allows("team-a/x")).isTrue();
        assertThat(allowed.allows("team-a/x/y")).isTrue();
        assertThat(allowed.allows("team-ab/x")).isFalse();
        assertThat(allowed.allows("team-a"))
                .as("the folder itself is not a job inside it")
                .isFalse();
        assertThat(allowed.allows("other/team-a/x")).isFalse();
        assertThat(allowed.allows("top-level-job")).isFalse();
        assertThat(folders("org/repo").allows("org/repo/PR-12")).isTrue();
        assertThat(folders("org/repo").allows("org/repository/main")).isFalse();
    }

    @Test
    void entriesAreCleanedAsAdministratorsTypeThem() {
        assertThat(folders(" team-a/ \n\n/team-b//web \r\nteam-a", "Team C").folders())
                .containsExactly("team-a", "team-b/web", "Team C");
    }

    @Test
    void theRefusalNamesTheInstallationTheSettingTheJobAndTheFixes() {
        assertThat(folders("team-a", "team-b").refusal("production", "team-c/deploy"))
                .hasValueSatisfying(words -> assertThat(words)
                        .contains("'production'", "team-a, team-b", "'Allowed folders'", "'team-c/deploy'")
                        .contains("Move the job", "'server'", "administrator"));
    }

    @Test
    void aRenamedOrMovedFolderTakesItsEntriesAlong() {
        AllowedFolders allowed = folders("team-a", "team-a/web", "team-ab", "other");
        AllowedFolders moved = allowed.moved("team-a", "groups/team-a2");
        assertThat(moved.folders()).containsExactly("groups/team-a2", "groups/team-a2/web", "team-ab", "other");
        assertThat(moved.allows("groups/team-a2/web/deploy")).isTrue();
        assertThat(moved.allows("team-a/deploy"))
                .as("the old name is free again")
                .isFalse();
        assertThat(allowed.moved("nothing-here", "x")).isEqualTo(allowed);
    }

    @Test
    void aDeletedFolderIsDroppedSoAFolderCreatedLaterUnderItsNameIsNotTrusted() {
        AllowedFolders allowed = folders("team-a", "team-a/web", "team-b");
        AllowedFolders after = allowed.deleted("team-a");
        assertThat(after.folders()).containsExactly("team-b");
        assertThat(after.allows("team-a/new-job")).isFalse();
        assertThat(allowed.deleted("team-a/web").folders()).containsExactly("team-a", "team-b");
        assertThat(allowed.deleted("team-ab")).isEqualTo(allowed);
    }

    @Test
    void deletingTheLastFolderLeavesNoJobAllowedRatherThanEveryJob() {
        AllowedFolders after = folders("team-a").deleted("team-a");
        assertThat(after.isRestricted()).isTrue();
        assertThat(after.folders()).containsExactly("[deleted] team-a");
        assertThat(after.allows("team-a/x")).isFalse();
        assertThat(after.allows("anything")).isFalse();
        assertThat(after.refusal("production", "team-a/x"))
                .hasValueSatisfying(words -> assertThat(words).contains("deleted", "no job may use it"));
        assertThat(AllowedFolders.of(after.folders()))
                .as("survives being saved and read back")
                .isEqualTo(after);
        assertThat(after.moved("team-a", "team-a2").allows("team-a2/x"))
                .as("a later folder that takes the name is not trusted either")
                .isFalse();
    }

    @Test
    void valuesCompareByTheirFolders() {
        assertThat(folders("a", "b")).isEqualTo(AllowedFolders.of(List.of("a\nb")));
        assertThat(folders("a")).isNotEqualTo(folders("b"));
    }
}
