package io.jenkins.plugins.puppetenterprise.simulator.job;

import java.time.Instant;

/**
 * A Puppet-run or task job as the simulator sees it at one moment, for assertions and measurements.
 *
 * @param type {@code deploy} (a Puppet run) or {@code task}
 * @param finishedAt when its last node ends or ended (scripted end or stop)
 */
public record JobSnapshot(String name, String type, String environment, String state, Instant finishedAt) {}
