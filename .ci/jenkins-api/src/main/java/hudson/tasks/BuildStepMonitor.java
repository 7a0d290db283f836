/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/tasks/BuildStepMonitor.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses, bodies throw.
 * The real constants have bodies overriding perform(); only the constants are used.
 */
package hudson.tasks;
public enum BuildStepMonitor {
    NONE,
    STEP,
    BUILD
}
