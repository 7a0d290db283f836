/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/model/AbstractItem.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses, bodies throw.
 */
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;

public abstract class AbstractItem extends Actionable implements Item {
    protected AbstractItem(ItemGroup parent, String name) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    @Override
    public final String getFullName() {
        throw new UnsupportedOperationException();
    }
}
