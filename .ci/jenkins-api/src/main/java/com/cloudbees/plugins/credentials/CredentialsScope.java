/*
 * Compile-only stand-in. Mirrors src/main/java/com/cloudbees/plugins/credentials/CredentialsScope.java
 * from org.jenkins-ci.plugins:credentials:1511.v2e3cb_0008ef0, read at jenkinsci/credentials-plugin HEAD d96751bc; the constants the plugin uses.
 */
package com.cloudbees.plugins.credentials;
import java.io.Serializable;

public enum CredentialsScope implements Serializable {
    SYSTEM,
    GLOBAL,
    USER
}
