/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/model/LoadBalancer.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses, bodies throw.
 * Only the type is used, as the parameter type of the real Queue constructor.
 */
package hudson.model;

import hudson.ExtensionPoint;

public abstract class LoadBalancer implements ExtensionPoint {}
