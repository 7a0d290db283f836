/*
 * Compile-only stand-in. Mirrors core/src/main/java/jenkins/util/Timer.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses, bodies throw.
 */
package jenkins.util;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.concurrent.ScheduledExecutorService;

public class Timer {
    @NonNull
    public static synchronized ScheduledExecutorService get() {
        throw new UnsupportedOperationException();
    }
}
