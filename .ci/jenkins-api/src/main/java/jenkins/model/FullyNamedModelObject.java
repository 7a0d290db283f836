/*
 * Compile-only stand-in. Mirrors core/src/main/java/jenkins/model/FullyNamedModelObject.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; complete: every public and protected member (static and nested ones too) and the real supertypes, bodies throw.
 * The real interface also carries @StaplerAccessibleType (Stapler routing), left out here as on ModelObject.
 */
package jenkins.model;
import hudson.model.ModelObject;

public interface FullyNamedModelObject extends ModelObject {
    String getFullDisplayName();
}
