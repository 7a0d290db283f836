/*
 * Compile-only stand-in. Mirrors core/src/main/java/org/kohsuke/stapler/lang/Klass.java
 * from org.kohsuke.stapler:stapler:2050.v425108fd5089 (the release jenkins-core 2.541.3 uses), read at jenkinsci/stapler tag 2050.v425108fd5089; only the type is declared (real package, kind, type parameters), as it appears in the signatures of completed stand-in types; bodies throw.
 * The private constructor only keeps javac from adding a public default constructor that the real class lacks.
 */
package org.kohsuke.stapler.lang;

public final class Klass<C> {
    private Klass() {
        throw new UnsupportedOperationException();
    }
}
