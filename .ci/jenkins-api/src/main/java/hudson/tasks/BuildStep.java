/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/tasks/BuildStep.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; complete: every public and protected member (static and nested ones too) and the real supertypes, bodies throw.
 * Constants keep the real names and types; their stand-in values are never read.
 */
package hudson.tasks;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.Action;
import hudson.model.BuildListener;
import hudson.model.Descriptor;
import java.io.IOException;
import java.util.AbstractList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

public interface BuildStep {
    boolean prebuild(AbstractBuild<?, ?> build, BuildListener listener);

    boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener) throws InterruptedException, IOException;

    @Deprecated
    Action getProjectAction(AbstractProject<?, ?> project);

    @NonNull
    Collection<? extends Action> getProjectActions(AbstractProject<?, ?> project);

    default BuildStepMonitor getRequiredMonitorService() {
        throw new UnsupportedOperationException();
    }

    @Deprecated
    List<Descriptor<Builder>> BUILDERS = null;

    @Deprecated
    PublisherList PUBLISHERS = null;

    final class PublisherList extends AbstractList<Descriptor<Publisher>> {
        private PublisherList() {
            throw new UnsupportedOperationException();
        }

        public void addNotifier(Descriptor<Publisher> d) {
            throw new UnsupportedOperationException();
        }

        public void addRecorder(Descriptor<Publisher> d) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean add(Descriptor<Publisher> d) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void add(int index, Descriptor<Publisher> d) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Descriptor<Publisher> get(int index) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int size() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Iterator<Descriptor<Publisher>> iterator() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean remove(Object o) {
            throw new UnsupportedOperationException();
        }
    }
}
