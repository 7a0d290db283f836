/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/AbortException.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses, bodies throw.
 */
package hudson;
import java.io.IOException;

public class AbortException extends IOException {
    public AbortException() {
        throw new UnsupportedOperationException();
    }

    public AbortException(String message) {
        throw new UnsupportedOperationException();
    }
}
