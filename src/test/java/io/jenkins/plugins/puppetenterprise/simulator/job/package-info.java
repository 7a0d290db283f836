/**
 * The simulator's Orchestrator Puppet runs and tasks: {@code /command/deploy} and {@code
 * /command/task}, scripted jobs with their nodes, reports and events, listing and stop
 * (pe-api-jobs.md 4.9).
 */
package io.jenkins.plugins.puppetenterprise.simulator.job;
