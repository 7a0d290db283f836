/*
 * Compile-only stand-in. Mirrors core/src/main/java/org/kohsuke/stapler/HttpResponse.java
 * from org.kohsuke.stapler:stapler:2050.v425108fd5089 (the release jenkins-core 2.541.3 uses), read at jenkinsci/stapler tag 2050.v425108fd5089; complete: every public and protected member (static and nested ones too) and the real supertypes, bodies throw.
 */
package org.kohsuke.stapler;
import jakarta.servlet.ServletException;
import java.io.IOException;

public interface HttpResponse {
    default void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node) throws IOException, ServletException {
        throw new UnsupportedOperationException();
    }

    @Deprecated
    default void generateResponse(StaplerRequest req, StaplerResponse rsp, Object node) throws IOException, javax.servlet.ServletException {
        throw new UnsupportedOperationException();
    }
}
