package io.jenkins.plugins.puppetenterprise.simulator;

import java.time.Clock;

/** What every simulated service shares: time, the one lock over all state, RBAC, faults and the journal. */
public record SimulatorContext(
        Clock clock, Object lock, RbacDirectory rbac, FaultInjector faults, RequestJournal journal) {}
