/*
 * Compile-only stand-in. Mirrors src/main/java/com/cloudbees/plugins/credentials/CredentialsProvider.java
 * from org.jenkins-ci.plugins:credentials:1511.v2e3cb_0008ef0, read at jenkinsci/credentials-plugin tag 1502.v5c95e620ddfe, the newest source at hand (1511's own source was not available to compare); declarations the plugin uses, bodies throw.
 * Constants keep the real names and types; their stand-in values are never read.
 */
package com.cloudbees.plugins.credentials;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.ModelObject;
import hudson.model.Run;
import hudson.security.Permission;
import java.util.List;
import org.springframework.security.core.Authentication;

public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements ExtensionPoint, Describable<CredentialsProvider> {
    public static final Permission USE_ITEM = null;

    public static Iterable<CredentialsStore> lookupStores(final ModelObject context) {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public static <C extends IdCredentials> C findCredentialByIdInItem(
            @NonNull String id,
            @NonNull Class<C> type,
            @Nullable Item item,
            @Nullable Authentication authentication,
            @Nullable List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public static <C extends IdCredentials> C findCredentialById(
            @NonNull String id,
            @NonNull Class<C> type,
            @NonNull Run<?, ?> run,
            @Nullable List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public static <C extends Credentials> C track(@NonNull Run build, @CheckForNull C credentials) {
        throw new UnsupportedOperationException();
    }
}
