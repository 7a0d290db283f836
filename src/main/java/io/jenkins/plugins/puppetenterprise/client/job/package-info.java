/**
 * Orchestrator Puppet runs and tasks (pe-api-jobs.md 4.9): the two commands, task metadata,
 * ordinary jobs with their nodes, report and events, and stop, over the session of the PE client.
 * Free of Jenkins, like the rest of {@code client}.
 */
package io.jenkins.plugins.puppetenterprise.client.job;
