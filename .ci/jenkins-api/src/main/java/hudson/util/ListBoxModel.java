/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/util/ListBoxModel.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses, bodies throw.
 */
package hudson.util;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.ArrayList;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    public static final class Option {
        public Option(@NonNull String name, @NonNull String value) {
            throw new UnsupportedOperationException();
        }
    }

    public ListBoxModel() {
        throw new UnsupportedOperationException();
    }

    public void add(@NonNull String displayName, @NonNull String value) {
        throw new UnsupportedOperationException();
    }

    public ListBoxModel add(@NonNull String nameAndValue) {
        throw new UnsupportedOperationException();
    }
}
