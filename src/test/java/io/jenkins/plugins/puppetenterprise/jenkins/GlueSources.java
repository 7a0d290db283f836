package io.jenkins.plugins.puppetenterprise.jenkins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/** Locates the glue's sources, views and classes for the offline checks. */
final class GlueSources {
    static final String PACKAGE = "io.jenkins.plugins.puppetenterprise.jenkins";

    private GlueSources() {}

    /** The offline build passes the checkout's root; the standard build runs in it. */
    static Path projectRoot() {
        String root = System.getProperty("project.root");
        return (root == null ? Paths.get("") : Paths.get(root)).toAbsolutePath().normalize();
    }

    static Path resources() {
        return projectRoot().resolve("src/main/resources");
    }

    static Path glueViews() {
        return resources().resolve(PACKAGE.replace('.', '/'));
    }

    static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every class of the glue package, top-level and nested, loaded without initialising it. */
    static List<Class<?>> glueClasses() {
        Path sources = projectRoot().resolve("src/main/java").resolve(PACKAGE.replace('.', '/'));
        return files(sources, ".java").stream()
                .map(f -> f.getFileName().toString().replace(".java", ""))
                .filter(name -> !name.equals("package-info"))
                .map(GlueSources::load)
                .flatMap(c -> Stream.concat(Stream.of(c), Stream.of(c.getDeclaredClasses())))
                .toList();
    }

    static Class<?> load(String simpleName) {
        try {
            return Class.forName(PACKAGE + "." + simpleName, false, GlueSources.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no class for " + simpleName, e);
        }
    }
}
