/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/util/FormValidation.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses, bodies throw.
 */
package hudson.util;
import java.io.IOException;

public abstract class FormValidation extends IOException {
    public enum Kind {
        OK,
        WARNING,
        ERROR
    }

    private FormValidation(Kind kind) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation ok(String message) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException();
    }
}
