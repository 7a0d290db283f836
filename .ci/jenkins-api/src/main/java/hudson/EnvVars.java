/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/EnvVars.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses, bodies throw.
 */
package hudson;
import java.util.TreeMap;

public class EnvVars extends TreeMap<String, String> {
    public EnvVars() {
        throw new UnsupportedOperationException();
    }

    public String expand(String s) {
        throw new UnsupportedOperationException();
    }
}
