/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/model/AbstractDescribableImpl.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses, bodies throw.
 * Kept only because workflow-step-api's Step still extends it.
 */
package hudson.model;
@Deprecated(since = "2.505")
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {}
