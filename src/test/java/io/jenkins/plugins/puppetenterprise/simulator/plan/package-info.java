/**
 * The simulator's Orchestrator plans: plan metadata, plan runs, scripted plan jobs with their
 * events, listing and stop (pe-api.md section 4).
 */
package io.jenkins.plugins.puppetenterprise.simulator.plan;
