/** The {@code puppetRun} and {@code puppetTask} Pipeline steps and their freestyle builders, with their views. */
package io.jenkins.plugins.puppetenterprise.jenkins.job;
