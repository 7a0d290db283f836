/*
 * Compile-only stand-in. Mirrors src/main/java/com/cloudbees/plugins/credentials/common/UsernameCredentials.java
 * from org.jenkins-ci.plugins:credentials:1511.v2e3cb_0008ef0, read at jenkinsci/credentials-plugin tag 1502.v5c95e620ddfe, the newest source at hand (1511's own source was not available to compare); declarations the plugin uses, bodies throw.
 */
package com.cloudbees.plugins.credentials.common;
import com.cloudbees.plugins.credentials.Credentials;
import edu.umd.cs.findbugs.annotations.NonNull;

public interface UsernameCredentials extends Credentials {
    @NonNull
    String getUsername();

    default boolean isUsernameSecret() {
        throw new UnsupportedOperationException();
    }
}
