/**
 * What every kind of work checks in its input before anything is sent to PE: a problem names its
 * field and the fix ({@link io.jenkins.plugins.puppetenterprise.core.input.InputProblem}), all of
 * them are thrown together ({@link io.jenkins.plugins.puppetenterprise.core.input.InvalidInputException}),
 * and the checks the kinds share: Puppet names, wait timeouts, key-value maps and plain values,
 * the installation a step names and an installation's settings. No Jenkins import.
 */
package io.jenkins.plugins.puppetenterprise.core.input;
