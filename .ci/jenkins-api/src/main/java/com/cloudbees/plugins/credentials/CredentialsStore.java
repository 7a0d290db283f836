/*
 * Compile-only stand-in. Mirrors src/main/java/com/cloudbees/plugins/credentials/CredentialsStore.java
 * from org.jenkins-ci.plugins:credentials:1511.v2e3cb_0008ef0, read at jenkinsci/credentials-plugin tag 1502.v5c95e620ddfe, the newest source at hand (1511's own source was not available to compare); declarations the plugin uses, bodies throw.
 * The real class declares two public constructors, the no-argument one among them; the plugin calls neither.
 */
package com.cloudbees.plugins.credentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.model.ModelObject;
import hudson.model.Saveable;
import hudson.security.AccessControlled;
import java.util.List;

public abstract class CredentialsStore implements AccessControlled, Saveable {
    @Nullable
    public final CredentialsProvider getProvider() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public abstract ModelObject getContext();

    @NonNull
    public List<Domain> getDomains() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public abstract List<Credentials> getCredentials(@NonNull Domain domain);
}
