/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/model/Failure.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; only the type is declared (real package, kind, type parameters), as it appears in the signatures of completed stand-in types; bodies throw.
 */
package hudson.model;

import org.kohsuke.stapler.HttpResponse;

public class Failure extends RuntimeException implements HttpResponse {
    public Failure(String message) {
        throw new UnsupportedOperationException();
    }
}
