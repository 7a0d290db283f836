package io.jenkins.plugins.puppetenterprise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The PE client and the execution core must stay free of Jenkins, so that all their logic is
 * tested offline and could serve another front end. This guard fails the offline build when a
 * file under those packages imports Jenkins (or the plugin's own Jenkins glue).
 */
class JenkinsFreeLayersTest {
    private static final String ROOT = "src/main/java/io/jenkins/plugins/puppetenterprise/";
    private static final List<String> JENKINS_FREE = List.of(ROOT + "client", ROOT + "core");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "^\\s*import\\s+(?:static\\s+)?((?:hudson|jenkins|org\\.kohsuke|org\\.jenkinsci|com\\.cloudbees)\\.[\\w.*]+"
                    + "|io\\.jenkins\\.plugins\\.puppetenterprise\\.jenkins\\.[\\w.*]+)\\s*;",
            Pattern.MULTILINE);

    @Test
    void clientAndCoreImportNoJenkinsApi() {
        List<String> violations = new ArrayList<>();
        for (String dir : JENKINS_FREE) {
            for (Path file : javaFiles(projectRoot().resolve(dir))) {
                violations.addAll(forbiddenImports(file));
            }
        }
        assertThat(violations)
                .as("client and core must not depend on Jenkins; move this code to the glue package")
                .isEmpty();
    }

    @Test
    void theGuardSeesTheLayersItGuards() {
        for (String dir : JENKINS_FREE) {
            assertThat(javaFiles(projectRoot().resolve(dir)))
                    .as("no Java sources found under %s: has the package moved?", dir)
                    .isNotEmpty();
        }
    }

    @Test
    void theGuardRecognisesEveryForbiddenRoot() {
        String source = String.join(
                "\n",
                "package io.jenkins.plugins.puppetenterprise.client;",
                "import java.util.List;",
                "import hudson.model.Run;",
                "import static jenkins.model.Jenkins.get;",
                "import org.kohsuke.stapler.DataBoundSetter;",
                "import org.jenkinsci.plugins.workflow.steps.Step;",
                "import com.cloudbees.plugins.credentials.CredentialsProvider;",
                "import io.jenkins.plugins.puppetenterprise.jenkins.PeInstallation;",
                "import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;");
        List<String> found = new ArrayList<>();
        Matcher m = FORBIDDEN.matcher(source);
        while (m.find()) {
            found.add(m.group(1));
        }
        assertThat(found)
                .containsExactly(
                        "hudson.model.Run",
                        "jenkins.model.Jenkins.get",
                        "org.kohsuke.stapler.DataBoundSetter",
                        "org.jenkinsci.plugins.workflow.steps.Step",
                        "com.cloudbees.plugins.credentials.CredentialsProvider",
                        "io.jenkins.plugins.puppetenterprise.jenkins.PeInstallation");
    }

    private static List<String> forbiddenImports(Path file) {
        List<String> found = new ArrayList<>();
        try {
            Matcher m = FORBIDDEN.matcher(Files.readString(file));
            while (m.find()) {
                found.add(projectRoot().relativize(file) + ": import " + m.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static List<Path> javaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The offline build passes the checkout's root; the standard build runs in it. */
    static Path projectRoot() {
        String root = System.getProperty("project.root");
        return (root == null ? Paths.get("") : Paths.get(root)).toAbsolutePath().normalize();
    }
}
