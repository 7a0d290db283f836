/**
 * Orchestrator plans: plan lists and metadata, plan runs, plan jobs and their events, stop_plan,
 * over the session of the PE client. Free of Jenkins, like the rest of {@code client}.
 */
package io.jenkins.plugins.puppetenterprise.client.plan;
