package io.jenkins.plugins.puppetenterprise.jenkins;

import hudson.model.Run;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.RunAction2;

/**
 * The build page's Puppet Enterprise summary: every deploy and plan run of the build, in order, with
 * status, commits and console links. One action per build however often the steps run.
 */
public final class PeSummaryAction implements RunAction2 {
    private final ArrayList<PeOperationRecord> records = new ArrayList<>();
    private transient Run<?, ?> run;

    /** Adds records to the build's summary action, creating it on first use, and saves the build. */
    static void record(Run<?, ?> run, List<PeOperationRecord> newRecords) throws IOException {
        synchronized (run) {
            PeSummaryAction action = run.getAction(PeSummaryAction.class);
            if (action == null) {
                action = new PeSummaryAction();
                action.add(newRecords);
                run.addOrReplaceAction(action);
            } else {
                action.add(newRecords);
            }
        }
        run.save();
    }

    synchronized void add(List<PeOperationRecord> newRecords) {
        records.addAll(newRecords);
    }

    public synchronized List<PeOperationRecord> getRecords() {
        return List.copyOf(records);
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    /** Shown on the build page through summary.jelly only; no page of its own. */
    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "Puppet Enterprise";
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
