/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/model/Project.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; only the type is declared (real package, kind, type parameters), as it appears in the signatures of completed stand-in types; bodies throw.
 * The real class also implements SCMTriggerItem, Saveable, ProjectWithMaven and BuildableItemWithBuildWrappers.
 */
package hudson.model;

public abstract class Project<P extends Project<P, B>, B extends Build<P, B>> extends AbstractProject<P, B> {
    protected Project(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException();
    }
}
