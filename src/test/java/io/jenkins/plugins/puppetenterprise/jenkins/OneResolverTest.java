package io.jenkins.plugins.puppetenterprise.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every step and build step, today's and future ones, reaches PE through {@link PeExecution#open}
 * (or {@link PeExecution#installationFor} where it needs no session), which enforces the
 * installation's allowed folders and the credential rules. This guard fails when glue code picks
 * an installation, a credential or a client any other way.
 */
class OneResolverTest {
    /** What picks an installation, a credential or a client, and the only files that may do it. */
    private static final Map<Pattern, Set<String>> RESOLVING_CALLS = Map.of(
            Pattern.compile("\\.require\\s*\\("), Set.of("PeExecution.java"),
            Pattern.compile("\\.getInstallations\\s*\\("), Set.of(),
            Pattern.compile("\\bforRun\\s*\\("), Set.of("PeExecution.java", "PeCredentialLookup.java"),
            Pattern.compile("InstallationClients\\s*\\.\\s*lease\\s*\\("), Set.of("PeExecution.java"),
            Pattern.compile("\\bfindCredentialById(InItem)?\\s*\\("),
                    Set.of("PeCredentialLookup.java", "ConnectionTest.java"),
            Pattern.compile("\\blookupCredentials\\w*\\s*\\("), Set.of(),
            Pattern.compile("PeClient\\s*\\.\\s*builder\\s*\\("),
                    Set.of("InstallationClients.java", "ConnectionTest.java"),
            Pattern.compile("\\.session\\s*\\(\\s*[^)\\s]"), Set.of("PeExecution.java", "ConnectionTest.java"));

    @Test
    void glueCodeResolvesInstallationsAndCredentialsOnlyThroughPeExecution() {
        Path glue = GlueSources.projectRoot().resolve("src/main/java").resolve(GlueSources.PACKAGE.replace('.', '/'));
        List<Path> sources = GlueSources.files(glue, ".java");
        assertThat(sources).as("glue sources").hasSizeGreaterThan(20);
        List<String> bypasses = new ArrayList<>();
        for (Path source : sources) {
            bypasses.addAll(bypasses(source.getFileName().toString(), read(source)));
        }
        assertThat(bypasses)
                .as("resolve the installation and credential with PeExecution.open(run, server, credentialsId, track)"
                        + " or PeExecution.installationFor(job, server): they enforce the allowed folders")
                .isEmpty();
    }

    @Test
    void theGuardCatchesAStepThatPicksItsOwnInstallationOrCredential() {
        String bypassing = String.join(
                "\n",
                "class SneakyStep {",
                "  void start() {",
                "    PeInstallation i = PuppetEnterpriseConfiguration.get().getInstallations().get(0);",
                "    var c = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run);",
                "    var lease = InstallationClients.lease(i);",
                "    PeClient own = PeClient.builder(i.serviceUrls(), ca).build();",
                "    own.session(PeCredentials.token(secret));",
                "  }",
                "}");
        assertThat(bypasses("SneakyStep.java", bypassing)).hasSize(5);
        assertThat(bypasses("SneakyStep.java", "BuildSession s = PeExecution.open(run, server, id, true);"))
                .isEmpty();
    }

    @Test
    void stepsInOtherPackagesCannotEvenCallTheLookupsThemselves() throws Exception {
        Class<?> configuration = PuppetEnterpriseConfiguration.class;
        for (Method m : List.of(
                configuration.getDeclaredMethod("require", String.class),
                configuration.getDeclaredMethod("installation", String.class),
                PeCredentialLookup.class.getDeclaredMethod(
                        "forRun", hudson.model.Run.class, PeInstallation.class, String.class, boolean.class),
                InstallationClients.class.getDeclaredMethod("lease", PeInstallation.class))) {
            assertThat(Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers()))
                    .as("%s must stay package-private: steps live in sub-packages and go through PeExecution", m)
                    .isFalse();
        }
        assertThat(Modifier.isPublic(PeExecution.class
                        .getMethod("open", hudson.model.Run.class, String.class, String.class, boolean.class)
                        .getModifiers()))
                .isTrue();
    }

    private static List<String> bypasses(String file, String source) {
        String code = withoutComments(source);
        List<String> found = new ArrayList<>();
        RESOLVING_CALLS.forEach((call, allowedIn) -> {
            if (!allowedIn.contains(file) && call.matcher(code).find()) {
                found.add(file + ": " + call.pattern());
            }
        });
        return found;
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
