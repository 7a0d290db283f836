/*
 * Compile-only stand-in. Mirrors src/main/java/com/cloudbees/plugins/credentials/common/AbstractIdCredentialsListBoxModel.java
 * from org.jenkins-ci.plugins:credentials:1511.v2e3cb_0008ef0, read at jenkinsci/credentials-plugin tag 1502.v5c95e620ddfe, the newest source at hand (1511's own source was not available to compare); declarations the plugin uses, bodies throw.
 */
package com.cloudbees.plugins.credentials.common;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import java.util.List;
import org.springframework.security.core.Authentication;

public abstract class AbstractIdCredentialsListBoxModel<
                T extends AbstractIdCredentialsListBoxModel<T, C>, C extends IdCredentials>
        extends ListBoxModel {
    @NonNull
    public AbstractIdCredentialsListBoxModel<T, C> includeEmptyValue() {
        throw new UnsupportedOperationException();
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeMatchingAs(
            @NonNull Authentication authentication,
            @Nullable Item context,
            @NonNull Class<? extends C> type,
            @NonNull List<DomainRequirement> domainRequirements,
            @NonNull CredentialsMatcher matcher) {
        throw new UnsupportedOperationException();
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeCurrentValue(@NonNull String value) {
        throw new UnsupportedOperationException();
    }
}
