/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/util/ComboBoxModel.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses, bodies throw.
 */
package hudson.util;
import java.util.ArrayList;
import java.util.Collection;
import org.kohsuke.stapler.HttpResponse;

public class ComboBoxModel extends ArrayList<String> implements HttpResponse {
    public ComboBoxModel() {
        throw new UnsupportedOperationException();
    }

    public ComboBoxModel(Collection<? extends String> c) {
        throw new UnsupportedOperationException();
    }
}
