/*
 * Compile-only stand-in. Mirrors core/src/main/java/jenkins/model/TransientActionFactory.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; complete: every public and protected member (static and nested ones too) and the real supertypes, bodies throw.
 */
package jenkins.model;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionListListener;
import hudson.ExtensionPoint;
import hudson.model.Action;
import java.util.Collection;

public abstract class TransientActionFactory<T> implements ExtensionPoint {
    public abstract Class<T> type();

    public Class<? extends Action> actionType() {
        throw new UnsupportedOperationException();
    }

    public abstract @NonNull Collection<? extends Action> createFor(@NonNull T target);

    public static final class Cache extends ExtensionListListener {
        @Override
        public synchronized void onChange() {
            throw new UnsupportedOperationException();
        }
    }

    public static Iterable<? extends TransientActionFactory<?>> factoriesFor(Class<?> type, Class<? extends Action> actionType) {
        throw new UnsupportedOperationException();
    }
}
