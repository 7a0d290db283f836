/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/util/FormValidation.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses (CheckMethod only as a type), bodies throw.
 */
package hudson.util;
import hudson.model.Descriptor;
import java.io.IOException;
import org.kohsuke.stapler.HttpResponse;

public abstract class FormValidation extends IOException implements HttpResponse {
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

    public static class CheckMethod {
        public CheckMethod(Descriptor descriptor, String fieldName) {
            throw new UnsupportedOperationException();
        }
    }
}
