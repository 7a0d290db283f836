/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/Util.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses, bodies throw.
 */
package hudson;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

public class Util {
    @NonNull
    public static String getTimeSpanString(long duration) {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public static String fixEmpty(@CheckForNull String s) {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public static String fixEmptyAndTrim(@CheckForNull String s) {
        throw new UnsupportedOperationException();
    }
}
