/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/model/EnvironmentContributingAction.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; complete: every public and protected member (static and nested ones too) and the real supertypes, bodies throw.
 */
package hudson.model;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;

public interface EnvironmentContributingAction extends Action {
    default void buildEnvironment(@NonNull Run<?, ?> run, @NonNull EnvVars env) {
        throw new UnsupportedOperationException();
    }

    @Deprecated
    default void buildEnvVars(AbstractBuild<?, ?> build, EnvVars env) {
        throw new UnsupportedOperationException();
    }
}
