/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/model/Action.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses, bodies throw.
 * The real interface extends ModelObject, which also declares getDisplayName().
 */
package hudson.model;
import edu.umd.cs.findbugs.annotations.CheckForNull;

public interface Action {
    @CheckForNull
    String getIconFileName();

    @CheckForNull
    String getDisplayName();

    @CheckForNull
    String getUrlName();
}
