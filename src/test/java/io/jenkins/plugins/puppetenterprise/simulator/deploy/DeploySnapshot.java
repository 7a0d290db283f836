package io.jenkins.plugins.puppetenterprise.simulator.deploy;

import java.time.Instant;

/**
 * A Code Manager deploy as the simulator sees it at one moment, for assertions and measurements.
 *
 * @param status {@code new}, {@code queued}, {@code deploying}, {@code syncing}, {@code synced} or {@code failed}
 * @param finishedAt when it is or was synced, or failed
 */
public record DeploySnapshot(int id, String environment, String status, Instant finishedAt) {}
