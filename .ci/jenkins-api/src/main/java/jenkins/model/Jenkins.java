/*
 * Compile-only stand-in. Mirrors core/src/main/java/jenkins/model/Jenkins.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses, bodies throw.
 * Constants keep the real names and types; their stand-in values are never read.
 * The real constructors are protected and throw task-reactor's ReactorException, which lies outside
 * this stand-in; the private constructor here only keeps the class uninstantiable and callable by nobody.
 * getInstanceOrNull() also carries @CLIResolver (CLI command resolution), left out here.
 */
package jenkins.model;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.ProxyConfiguration;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.security.AccessControlled;
import hudson.security.Permission;

public class Jenkins implements AccessControlled {
    public static final Permission ADMINISTER = null;

    private Jenkins() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public static Jenkins getInstanceOrNull() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public ProxyConfiguration getProxy() {
        throw new UnsupportedOperationException();
    }

    public @Nullable String getRootUrl() throws IllegalStateException {
        throw new UnsupportedOperationException();
    }

    public @CheckForNull Item getItemByFullName(String fullName) {
        throw new UnsupportedOperationException();
    }

    public <T extends Descriptor> T getDescriptorByType(Class<T> type) {
        throw new UnsupportedOperationException();
    }
}
