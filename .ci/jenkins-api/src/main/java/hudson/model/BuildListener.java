/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/model/BuildListener.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; only the type is declared (real package, kind, type parameters), as it appears in the signatures of completed stand-in types; bodies throw.
 */
package hudson.model;

public interface BuildListener extends TaskListener {}
