package io.jenkins.plugins.puppetenterprise.core;

import java.time.Instant;

/**
 * A node of a Puppet run or task reached a state, as an event of its job tells while the job runs
 * ({@code node_running}, {@code node_finished}, {@code node_failed}, {@code node_errored}, {@code
 * node_skipped}). For a front end that shows the job as it goes; the verdict still reads every
 * node from PE once the job ended.
 *
 * @param node the certname
 * @param state the event's state: {@code running}, {@code finished}, {@code failed}, {@code errored} or {@code skipped}
 * @param message PE's words for the event, masked as the log's line is; empty when it has none
 * @param timestamp when PE created the event, or null when it did not say
 */
public record NodeProgress(String node, String state, String message, Instant timestamp) {}
