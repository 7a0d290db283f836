/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/Util.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3; declarations the plugin uses, bodies throw.
 */
package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;

public class Util {
    @CheckForNull
    public static String fixEmptyAndTrim(@CheckForNull String s) {
        throw new UnsupportedOperationException();
    }
}
