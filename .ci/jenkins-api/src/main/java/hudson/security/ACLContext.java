/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/security/ACLContext.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses, bodies throw.
 */
package hudson.security;
import edu.umd.cs.findbugs.annotations.NonNull;
import org.springframework.security.core.context.SecurityContext;

public class ACLContext implements AutoCloseable {
    ACLContext(@NonNull SecurityContext previousContext) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException();
    }
}
