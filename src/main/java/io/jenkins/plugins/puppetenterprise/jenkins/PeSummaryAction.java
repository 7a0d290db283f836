package io.jenkins.plugins.puppetenterprise.jenkins;

import hudson.model.Run;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.RunAction2;

/**
 * The build page's Puppet Enterprise summary: every deploy, plan run, Puppet run and task of the
 * build, in order, with status, commits and console links; Puppet runs and tasks also while they
 * run. One action per build however often the steps run.
 */
public final class PeSummaryAction implements RunAction2 {
    private final ArrayList<PeOperationRecord> records = new ArrayList<>();
    /**
     * Puppet runs and tasks of this build still running, shown after the records. Never saved: their
     * events would otherwise write build.xml each time. Null as XStream loads the action; guarded by this.
     */
    private transient ArrayList<RunningJobRecord> running;

    private transient Run<?, ?> run;

    /**
     * Adds records to the build's summary action, in place of the running Puppet run or task with
     * the same marker (one step, so the page never shows both or neither), and saves the build.
     *
     * @param marker the run's marker from the outcome, or null
     */
    static void record(Run<?, ?> run, List<PeOperationRecord> newRecords, String marker) throws IOException {
        of(run).add(newRecords, marker);
        run.save();
    }

    /** Shows a Puppet run or task while it runs; the build is not saved for it. */
    static void showRunning(Run<?, ?> run, RunningJobRecord record) {
        of(run).addRunning(record);
    }

    /** Takes a running Puppet run or task away (its watch ended; usually {@link #record} already did). */
    static void dropRunning(Run<?, ?> run, RunningJobRecord record) {
        PeSummaryAction action = run.getAction(PeSummaryAction.class);
        if (action != null) {
            action.removeRunning(record);
        }
    }

    /** The build's summary action, created on first use. */
    private static PeSummaryAction of(Run<?, ?> run) {
        synchronized (run) {
            PeSummaryAction action = run.getAction(PeSummaryAction.class);
            if (action == null) {
                action = new PeSummaryAction();
                run.addOrReplaceAction(action);
            }
            return action;
        }
    }

    synchronized void add(List<PeOperationRecord> newRecords, String marker) {
        running().removeIf(r -> r.marker().equals(marker));
        records.addAll(newRecords);
    }

    synchronized void addRunning(RunningJobRecord record) {
        running().add(record);
    }

    synchronized void removeRunning(RunningJobRecord record) {
        running().remove(record);
    }

    private ArrayList<RunningJobRecord> running() {
        if (running == null) {
            running = new ArrayList<>();
        }
        return running;
    }

    /** The saved records, then what runs now as it stands: one consistent list per call. */
    public synchronized List<PeOperationRecord> getRecords() {
        List<PeOperationRecord> shown = new ArrayList<>(records);
        for (RunningJobRecord r : running()) {
            shown.add(r.snapshot());
        }
        return List.copyOf(shown);
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
