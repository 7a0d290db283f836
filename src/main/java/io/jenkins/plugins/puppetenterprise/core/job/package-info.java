/**
 * The core of {@code puppetRun} and {@code puppetTask}: input validation, the verdict of a
 * finished job (pe-api-jobs.md 4.9.11) and its bounded result map. The watch itself
 * ({@code core.JobWatch}, {@code core.JobReference}) lives next to the other watches, as
 * {@code core.Watch} is sealed. No Jenkins import.
 */
package io.jenkins.plugins.puppetenterprise.core.job;
