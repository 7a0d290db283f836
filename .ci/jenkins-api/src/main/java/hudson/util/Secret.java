/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/util/Secret.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses, bodies throw.
 */
package hudson.util;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

public final class Secret implements Serializable {
    /*package*/ Secret(String value) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public String getPlainText() {
        throw new UnsupportedOperationException();
    }
}
