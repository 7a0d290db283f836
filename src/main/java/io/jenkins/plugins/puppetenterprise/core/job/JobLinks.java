package io.jenkins.plugins.puppetenterprise.core.job;

import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import io.jenkins.plugins.puppetenterprise.client.job.JobNode;
import java.net.URI;

/**
 * Console links for jobs and node reports (pe-api-jobs.md 5.4): best effort, as PE documents no
 * contract for console routes. A report link PE built is kept with its scheme, host and port
 * replaced by the configured console (PE may use an internal name).
 */
public final class JobLinks {
    private final URI console;

    public JobLinks(URI console) {
        this.console = console;
    }

    /** The console page of a job: the task page for tasks, the Puppet-run jobs page otherwise. */
    public URI jobPage(String jobName, boolean task) {
        return URI.create(console + (task ? "/#/orchestration/tasks/task/" : "/#/run/jobs/") + jobName);
    }

    /**
     * The report link of a node item of {@code /jobs/<id>/nodes}: its {@code report-url}, else, for a
     * Puppet run, its result's report hash (a task's result is its output, not a report); or null.
     */
    public String reportLink(JobNode node, boolean task) {
        return reportLink(node.reportUrl(), task ? null : LenientJson.text(node.result(), "hash"));
    }

    /** The report link of a node: PE's {@code report-url} on the configured console, else by report hash; or null. */
    public String reportLink(String reportUrl, String hash) {
        if (reportUrl != null && !reportUrl.isBlank()) {
            try {
                URI given = URI.create(reportUrl.trim());
                String rest = (given.getRawPath() == null ? "" : given.getRawPath())
                        + (given.getRawFragment() == null ? "" : "#" + given.getRawFragment());
                if (rest.isEmpty() || rest.equals("/")) {
                    return null;
                }
                return console + (rest.startsWith("/") ? rest : "/" + rest);
            } catch (IllegalArgumentException e) {
                // not a URL: fall back to the hash
            }
        }
        if (hash != null && hash.matches("[0-9a-fA-F]{8,128}")) {
            return console + "/#/cm/report/" + hash;
        }
        return null;
    }
}
