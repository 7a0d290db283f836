/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/model/ItemGroup.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses, bodies throw.
 * Only the type is used, as the parameter type of the real AbstractItem, Job and AbstractProject
 * constructors; the real interface also extends FullyNamed, FullyNamedModelObject and PersistenceRoot.
 */
package hudson.model;

public interface ItemGroup<T extends Item> {}
