/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/model/Saveable.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; complete: every public and protected member (static and nested ones too) and the real supertypes, bodies throw.
 * Constants keep the real names and types; their stand-in values are never read.
 */
package hudson.model;
import java.io.IOException;

public interface Saveable {
    void save() throws IOException;

    Saveable NOOP = null;
}
