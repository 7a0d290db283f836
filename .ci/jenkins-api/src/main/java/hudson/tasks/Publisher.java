/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/tasks/Publisher.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; only the type is declared (real package, kind, type parameters), as it appears in the signatures of completed stand-in types; bodies throw.
 */
package hudson.tasks;

import hudson.model.Describable;

public abstract class Publisher extends BuildStepCompatibilityLayer implements Describable<Publisher> {
    @Deprecated
    protected Publisher() {
        throw new UnsupportedOperationException();
    }
}
