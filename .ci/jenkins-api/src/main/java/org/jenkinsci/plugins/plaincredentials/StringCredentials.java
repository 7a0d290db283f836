/*
 * Compile-only stand-in. Mirrors src/main/java/org/jenkinsci/plugins/plaincredentials/StringCredentials.java
 * from org.jenkins-ci.plugins:plain-credentials:199.v9f8e1f741799, read at jenkinsci/plain-credentials-plugin tag 199.v9f8e1f741799; declarations the plugin uses, bodies throw.
 */
package org.jenkinsci.plugins.plaincredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;

public interface StringCredentials extends StandardCredentials {
    @NonNull
    Secret getSecret();
}
