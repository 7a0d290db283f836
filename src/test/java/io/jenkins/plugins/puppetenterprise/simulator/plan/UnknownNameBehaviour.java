package io.jenkins.plugins.puppetenterprise.simulator.plan;

/** The two answers pe-api.md section 4.2 allows for a plan run naming an unknown plan or environment. */
public enum UnknownNameBehaviour {
    /** 404 {@code unknown-plan} / {@code unknown-environment} right away. */
    IMMEDIATE_ERROR,
    /** 202 and a plan job that fails at once with that error as its result. */
    FAILED_PLAN_JOB
}
