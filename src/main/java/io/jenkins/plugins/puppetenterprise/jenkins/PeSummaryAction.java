package io.jenkins.plugins.puppetenterprise.jenkins;

import hudson.model.Item;
import hudson.model.Run;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.POST;

/**
 * The build page's Puppet Enterprise summary: every deploy, plan run, Puppet run and task of the
 * build, in order, with status, commits and console links; Puppet runs and tasks also while they
 * run, refreshed in place on the page ({@link #doLive}). One action per build however often the
 * steps run.
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
    public List<PeOperationRecord> getRecords() {
        return getShown().getRecords();
    }

    /** The records as {@link #getRecords()}, whether any of them still runs and whether the build does, taken together. */
    public synchronized Shown getShown() {
        List<PeOperationRecord> shown = new ArrayList<>(records);
        for (RunningJobRecord r : running()) {
            shown.add(r.snapshot());
        }
        boolean jobRunning = !running().isEmpty();
        return new Shown(List.copyOf(shown), jobRunning, jobRunning || (run != null && run.isBuilding()));
    }

    /** What the page shows at one moment; public with public getters, as commons-jexl calls them. */
    public static final class Shown {
        private final List<PeOperationRecord> records;
        private final boolean running;
        private final boolean live;

        Shown(List<PeOperationRecord> records, boolean running, boolean live) {
            this.records = records;
            this.running = running;
            this.live = live;
        }

        public List<PeOperationRecord> getRecords() {
            return records;
        }

        /** Whether a Puppet run or task of the build still runs. */
        public boolean isRunning() {
            return running;
        }

        /**
         * Whether the page refreshes the table: while a Puppet run or task runs, and while the build
         * runs, so that a deploy, plan, Puppet run or task that a later step starts shows too.
         */
        public boolean isLive() {
            return live;
        }
    }

    /**
     * The summary's table as it stands now ({@code table.jelly}), for the build page's refresh while
     * the build or a Puppet run or task of it runs: Jenkins' widget-refresh POSTs here with the crumb every 5 s. For
     * users who may read the build's job only (Stapler reaches the build through its job, which
     * hides it from others; checked here too, as the answer is this action's own).
     */
    @POST
    public void doLive(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException, ServletException {
        run.getParent().checkPermission(Item.READ);
        // as Jenkins' own partial pages (l:ajax): an HTML fragment that is never cached
        rsp.setContentType("text/html;charset=UTF-8");
        rsp.setHeader("Cache-Control", "no-cache,no-store,must-revalidate");
        req.getView(this, "table.jelly").forward(req, rsp);
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

    /** Shown on the build page through summary.jelly only; no page of its own, nor a link in the side panel. */
    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "Puppet Enterprise";
    }

    /** Where {@link #doLive} answers, under the build's URL; the action has no index page. */
    @Override
    public String getUrlName() {
        return "puppet-enterprise";
    }
}
