/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/security/ACL.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses, bodies throw.
 * Constants keep the real names and types; their stand-in values are never read.
 */
package hudson.security;
import edu.umd.cs.findbugs.annotations.NonNull;
import org.springframework.security.core.Authentication;

public abstract class ACL {
    public static final Authentication SYSTEM2 = null;

    @NonNull
    public static ACLContext as2(@NonNull Authentication auth) {
        throw new UnsupportedOperationException();
    }
}
