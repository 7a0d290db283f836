package io.jenkins.plugins.puppetenterprise.simulator.plan;

import java.time.Instant;

/**
 * A plan job as the simulator sees it at one moment, for assertions and measurements.
 *
 * @param finishedAt when the job ends or ended (scripted end, stop or timeout)
 * @param firstSeenFinished when a client first fetched the job (alone or in a list) after it ended, or null
 */
public record PlanJobSnapshot(
        String name,
        String planName,
        String environment,
        String state,
        String owner,
        Instant created,
        Instant finishedAt,
        Instant firstSeenFinished) {}
