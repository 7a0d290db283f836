package io.jenkins.plugins.puppetenterprise.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Keeps the offline build's Jenkins API stand-in ({@code .ci/jenkins-api}) able to catch clashes:
 * a plugin method that collides with a member the real supertype declares (an instance
 * {@code find(String)} beside {@code Descriptor}'s static one) only fails offline when that
 * supertype is declared completely there.
 */
class JenkinsApiStandInTest {
    private static final String COMPLETE = "; complete: ";

    private static Path standInSources() {
        return GlueSources.projectRoot().resolve(".ci/jenkins-api/src/main/java");
    }

    @Test
    void everyJenkinsTypeTheGlueExtendsOrImplementsIsCompleteInTheStandIn() throws IOException {
        Set<String> jenkinsTypes = new TreeSet<>();
        for (Class<?> glueClass : GlueSources.glueClasses()) {
            jenkinsTypes.addAll(jenkinsSupertypesOf(glueClass));
        }
        assertThat(jenkinsTypes).contains("hudson.model.Descriptor", "jenkins.model.GlobalConfiguration");
        for (String type : jenkinsTypes) {
            Path file = standInSources().resolve(type.replace('.', '/') + ".java");
            assertThat(file).as(type + " in the stand-in").exists();
            assertThat(Files.readString(file))
                    .as(type + ": declare every public and protected member and the real supertypes,"
                            + " then say so in the header (\"" + COMPLETE.trim() + "\")")
                    .contains(COMPLETE);
        }
    }

    @Test
    void everyStandInFileNamesTheSourceItMirrors() {
        List<Path> files = GlueSources.files(standInSources(), ".java");
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String relative = standInSources().relativize(file).toString().replace('\\', '/');
            assertThat(file)
                    .content()
                    .as(relative + ": header naming the mirrored source file and the artifact it comes from")
                    .startsWith("/*\n * Compile-only stand-in. Mirrors ")
                    .containsPattern(
                            "Mirrors [\\w/.-]*" + relative.replace(".", "\\.") + "[^\n]*\n \\* from \\S+:\\S+:\\S+");
        }
    }

    /** Every supertype, at any depth, that is neither the plugin's own nor the JDK's. */
    private static Set<String> jenkinsSupertypesOf(Class<?> glueClass) {
        Set<String> found = new TreeSet<>();
        Deque<Class<?>> pending = new ArrayDeque<>();
        pending.push(glueClass);
        while (!pending.isEmpty()) {
            Class<?> type = pending.pop();
            if (type.getSuperclass() != null) {
                pending.push(type.getSuperclass());
            }
            for (Class<?> implemented : type.getInterfaces()) {
                pending.push(implemented);
            }
            String name = type.getName();
            boolean own = name.startsWith("io.jenkins.plugins.puppetenterprise.");
            boolean jdk = name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.");
            if (!own && !jdk) {
                found.add(name);
            }
        }
        return found;
    }
}
