/**
 * The execution core's plan runs: the validated input of {@code puppetPlanRun} and its plan
 * parameters. The plan watch ({@code core.PlanRunWatch}, {@code core.PlanRunReference}) lives next
 * to the other watches, as {@code core.Watch} and {@code core.WatchReference} are sealed and share
 * the request budget's package-private contract. No Jenkins import.
 */
package io.jenkins.plugins.puppetenterprise.core.plan;
