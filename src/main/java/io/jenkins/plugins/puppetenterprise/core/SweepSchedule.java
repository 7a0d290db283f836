package io.jenkins.plugins.puppetenterprise.core;

import java.time.Duration;

/**
 * When one sweep ({@link FinishedWorkSweep}, {@link CodeDeploySweep}) runs: at once when it starts,
 * then every {@link RequestBudget#sweepInterval()} until it stops, counted meanwhile as one of the
 * budget's sweeping groups. A scheduler that refuses (the core is shutting down) stops it.
 */
final class SweepSchedule {
    private final ExecutionCore core;
    private final RequestBudget budget;
    private final Runnable tick;
    private boolean scheduled;

    SweepSchedule(ExecutionCore core, RequestBudget budget, Runnable tick) {
        this.core = core;
        this.budget = budget;
        this.tick = tick;
    }

    /** Runs the first sweep now unless sweeps run already; false when the scheduler refused it. */
    synchronized boolean start() {
        if (scheduled) {
            return true;
        }
        scheduled = true;
        budget.sweepGroups(1);
        return schedule(Duration.ZERO);
    }

    /** Runs the next sweep after the interval. */
    synchronized void next() {
        schedule(budget.sweepInterval());
    }

    /** No sweep is scheduled any more: it leaves the budget's sweeping groups. */
    synchronized void stop() {
        if (scheduled) {
            scheduled = false;
            budget.sweepGroups(-1);
        }
    }

    private boolean schedule(Duration delay) {
        try {
            core.scheduler().schedule(tick, delay);
            return true;
        } catch (RuntimeException e) {
            stop();
            return false;
        }
    }
}
