/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/DescriptorExtensionList.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; only the type is declared (real package, kind, type parameters), as it appears in the signatures of completed stand-in types; bodies throw.
 */
package hudson;

import hudson.model.Describable;
import hudson.model.Descriptor;
import jenkins.model.Jenkins;

public class DescriptorExtensionList<T extends Describable<T>, D extends Descriptor<T>> extends ExtensionList<D> {
    protected DescriptorExtensionList(Jenkins jenkins, Class<T> describableType) {
        super(jenkins, null);
        throw new UnsupportedOperationException();
    }
}
