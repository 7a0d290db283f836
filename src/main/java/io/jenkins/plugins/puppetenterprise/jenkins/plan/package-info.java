/** The {@code puppetPlanRun} Pipeline step, its freestyle builder and plan parameter kinds, with their views. */
package io.jenkins.plugins.puppetenterprise.jenkins.plan;
