/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/init/TermMilestone.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; only the type and its
 * constants are declared, as they appear in the element defaults of Terminator; bodies throw.
 * The real enum also implements org.jvnet.hudson.reactor.Milestone and declares ordering() and toString().
 */
package hudson.init;

public enum TermMilestone {
    STARTED("Started termination"),
    COMPLETED("Completed termination");

    TermMilestone(String message) {
        throw new UnsupportedOperationException();
    }
}
