/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/ExtensionPoint.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses, bodies throw.
 */
package hudson;

public interface ExtensionPoint {}
