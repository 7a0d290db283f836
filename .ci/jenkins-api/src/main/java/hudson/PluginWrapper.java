/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/PluginWrapper.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; only the type is declared (real package, kind, type parameters), as it appears in the signatures of completed stand-in types; bodies throw.
 * The real class also implements Comparable<PluginWrapper> and ModelObject.
 * The private constructor only keeps javac from adding a public default constructor that the real class lacks.
 */
package hudson;

public class PluginWrapper {
    private PluginWrapper() {
        throw new UnsupportedOperationException();
    }
}
