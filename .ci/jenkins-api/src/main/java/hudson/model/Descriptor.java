/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/model/Descriptor.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3; declarations the plugin uses, bodies throw.
 */
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;

public abstract class Descriptor<T extends Describable<T>> {
    protected Descriptor(Class<? extends T> clazz) {
        throw new UnsupportedOperationException();
    }

    protected Descriptor() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    public synchronized void save() {
        throw new UnsupportedOperationException();
    }

    public synchronized void load() {
        throw new UnsupportedOperationException();
    }

    protected static Class self() {
        throw new UnsupportedOperationException();
    }
}
