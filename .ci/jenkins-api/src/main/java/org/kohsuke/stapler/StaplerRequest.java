/*
 * Compile-only stand-in. Mirrors core/src/main/java/org/kohsuke/stapler/StaplerRequest.java
 * from org.kohsuke.stapler:stapler:2050.v425108fd5089 (the release jenkins-core 2.541.3 uses), read at jenkinsci/stapler tag 2050.v425108fd5089; only the type is declared (real package, kind, type parameters), as it appears in the signatures of completed stand-in types; bodies throw.
 */
package org.kohsuke.stapler;

import javax.servlet.http.HttpServletRequest;

@Deprecated
public interface StaplerRequest extends HttpServletRequest {}
