package io.jenkins.plugins.puppetenterprise.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.puppetenterprise.core.input.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Branch names map to environments as r10k corrects them: case kept, each non-word character one {@code _}. */
class BranchEnvironmentTest {
    @ParameterizedTest
    @CsvSource({
        "feature/JIRA-12-x, feature_JIRA_12_x",
        "refs/heads/feature/x, feature_x",
        "origin/feature/x, feature_x",
        "refs/remotes/upstream/release-1.2, release_1_2",
        "refs/heads/origin/x, origin_x",
        "production, production",
        "Main, Main",
        "PR-12, PR_12",
        "café, caf_",
        "a\uD83D\uDE00b, a_b",
        "' spaced ', spaced"
    })
    void mapsAsR10kCorrectsInvalidBranches(String branch, String environment) {
        assertThat(BranchEnvironment.of(branch, null).environment()).isEqualTo(environment);
    }

    @Test
    void aSourcePrefixIsJoinedWithAnUnderscoreAndNotCorrected() {
        BranchEnvironment b = BranchEnvironment.of("origin/feature/x", "app");
        assertThat(b.environment()).isEqualTo("app_feature_x");
        assertThat(b.branch()).isEqualTo("feature/x");
        assertThat(b.describe()).isEqualTo("branch feature/x deploys environment app_feature_x");
    }

    @Test
    void branchesGiveTheEnvironmentsTheyDeployAndSayWhichInTheLog() {
        CodeDeployInput input = CodeDeployInput.builder()
                .branches(List.of("feature/JIRA-12-x", "refs/heads/production"))
                .build();
        assertThat(input.environments()).containsExactly("feature_JIRA_12_x", "production");
        assertThat(input.branchNotes())
                .contains("The branch feature/JIRA-12-x deploys environment feature_JIRA_12_x.")
                .contains("The branch production deploys environment production.")
                .anyMatch(l -> l.startsWith("Warning: environment feature_JIRA_12_x keeps the upper case"));
        assertThat(input.branchNotes()).noneMatch(l -> l.contains("environment production keeps"));
        assertThat(input.correctedBranchOf("feature_JIRA_12_x")).isEqualTo("feature/JIRA-12-x");
        assertThat(input.correctedBranchOf("production")).isNull();
    }

    @Test
    void branchesAreAnAlternativeToEnvironmentsNotAnAddition() {
        assertProblem(
                CodeDeployInput.builder().environments(List.of("production")).branches(List.of("main")),
                "branches",
                "not both");
        assertProblem(CodeDeployInput.builder().all(true).branches(List.of("main")), "all", "not both");
        assertProblem(
                CodeDeployInput.builder().environments(List.of("production")).environmentPrefix("app"),
                "environmentPrefix",
                "only to branches");
        assertProblem(
                CodeDeployInput.builder().branches(List.of("main")).environmentPrefix("my-app"),
                "environmentPrefix",
                "letters, digits and underscores");
        assertProblem(
                CodeDeployInput.builder().branches(List.of("feature/x", "feature-x")),
                "branches",
                "both deploy environment feature_x");
        assertProblem(CodeDeployInput.builder().branches(List.of("origin/")), "branches", "branch name is empty");
    }

    @Test
    void theEnvironmentChecksSuggestionKeepsCaseAsCodeManagerDoes() {
        assertProblem(
                CodeDeployInput.builder().environments(List.of("Feature/Login")),
                "environments",
                "'Feature_Login' only when Code Manager corrects branch names");
    }

    private static void assertProblem(CodeDeployInput.Builder builder, String field, String fragment) {
        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems()).anySatisfy(p -> {
                            assertThat(p.field()).isEqualTo(field);
                            assertThat(p.message()).contains(fragment);
                        }));
    }
}
