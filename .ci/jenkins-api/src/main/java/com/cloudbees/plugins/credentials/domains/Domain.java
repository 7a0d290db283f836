/*
 * Compile-only stand-in. Mirrors src/main/java/com/cloudbees/plugins/credentials/domains/Domain.java
 * from org.jenkins-ci.plugins:credentials:1511.v2e3cb_0008ef0, read at jenkinsci/credentials-plugin tag 1502.v5c95e620ddfe, the newest source at hand (1511's own source was not available to compare); only the type is declared (real package, kind, supertypes), as it appears in the signatures of CredentialsStore; bodies throw.
 * The private constructor only keeps javac from adding a public default constructor that the real class lacks.
 */
package com.cloudbees.plugins.credentials.domains;
import java.io.Serializable;

public class Domain implements Serializable {
    private Domain() {
        throw new UnsupportedOperationException();
    }
}
