/*
 * Compile-only stand-in. Mirrors core/src/main/java/org/kohsuke/stapler/StaplerRequest2.java
 * from org.kohsuke.stapler:stapler:2050.v425108fd5089 (the release jenkins-core 2.541.3 uses), read at jenkinsci/stapler tag 2050.v425108fd5089; declarations the plugin uses, bodies throw.
 */
package org.kohsuke.stapler;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import net.sf.json.JSONObject;

public interface StaplerRequest2 extends HttpServletRequest {
    RequestDispatcher getView(Object it, String viewName) throws IOException;

    void bindJSON(Object bean, JSONObject src);
}
