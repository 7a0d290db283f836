package io.jenkins.plugins.puppetenterprise.core;

import java.time.Instant;

/**
 * A node of a Puppet run or task reached a state, as an event of its job tells while the job runs
 * ({@code node_running}, {@code node_finished}, {@code node_failed}, {@code node_errored}, {@code
 * node_skipped}), or, once after a resume, as the job's node list tells. For a front end that
 * shows the job as it goes; the verdict still reads every node from PE once the job ended.
 *
 * @param node the certname
 * @param state the node's state: from an event {@code running}, {@code finished}, {@code failed},
 *     {@code errored} or {@code skipped}; from the node list also {@code stopping} or {@code stopped}
 * @param message PE's words for the event, masked as the log's line is; empty when it has none
 * @param timestamp when PE created the event (from the node list: when the node ended, else began), or null when it did not say
 * @param reportUrl the node's report on the configured console, when PE's answer gave its link or
 *     report hash (the node list does for ended Puppet runs, events document neither); else null
 */
public record NodeProgress(String node, String state, String message, Instant timestamp, String reportUrl) {}
