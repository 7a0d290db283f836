/*
 * Compile-only stand-in. Mirrors src/main/java/com/cloudbees/plugins/credentials/domains/URIRequirementBuilder.java
 * from org.jenkins-ci.plugins:credentials:1511.v2e3cb_0008ef0, read at jenkinsci/credentials-plugin tag 1502.v5c95e620ddfe, the newest source at hand (1511's own source was not available to compare); declarations the plugin uses, bodies throw.
 */
package com.cloudbees.plugins.credentials.domains;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.List;

public class URIRequirementBuilder {
    private URIRequirementBuilder(@NonNull List<DomainRequirement> requirements) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static URIRequirementBuilder fromUri(@CheckForNull String uri) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public List<DomainRequirement> build() {
        throw new UnsupportedOperationException();
    }
}
