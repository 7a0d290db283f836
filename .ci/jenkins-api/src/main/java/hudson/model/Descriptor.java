/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/model/Descriptor.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses, bodies throw.
 * FormException also implements Stapler's HttpResponse in the real class.
 */
package hudson.model;
import edu.umd.cs.findbugs.annotations.NonNull;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.StaplerRequest2;

public abstract class Descriptor<T extends Describable<T>> {
    protected Descriptor(Class<? extends T> clazz) {
        throw new UnsupportedOperationException();
    }

    protected Descriptor() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    public String getHelpFile(final String fieldName) {
        throw new UnsupportedOperationException();
    }

    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        throw new UnsupportedOperationException();
    }

    public synchronized void save() {
        throw new UnsupportedOperationException();
    }

    public synchronized void load() {
        throw new UnsupportedOperationException();
    }

    public static final class FormException extends Exception {
        public FormException(String message, String formField) {
            throw new UnsupportedOperationException();
        }
    }
}
