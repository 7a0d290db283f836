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

    /** Every class of the glue packages, top-level and nested, loaded without initialising it. */
    static List<Class<?>> glueClasses() {
        Path javaRoot = projectRoot().resolve("src/main/java");
        return files(javaRoot.resolve(PACKAGE.replace('.', '/')), ".java").stream()
                .filter(f -> !f.getFileName().toString().equals("package-info.java"))
                .map(f -> javaRoot.relativize(f).toString().replace(".java", "").replace('/', '.'))
                .map(GlueSources::loadClass)
                .flatMap(c -> Stream.concat(Stream.of(c), Stream.of(c.getDeclaredClasses())))
                .toList();
    }

    /** The glue class with this simple name, in whichever glue package it lives. */
    static Class<?> load(String simpleName) {
        return glueClasses().stream()
                .filter(c -> c.getSimpleName().equals(simpleName) && c.getEnclosingClass() == null)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no glue class named " + simpleName));
    }

    /** The class whose view folder holds this file, as Stapler finds it: the folder path is the class name. */
    static Class<?> classOfView(Path viewFile) {
        return loadClass(resources().relativize(viewFile.getParent()).toString().replace('/', '.'));
    }

    private static Class<?> loadClass(String name) {
        try {
            return Class.forName(name, false, GlueSources.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no class for " + name, e);
        }
    }
}
