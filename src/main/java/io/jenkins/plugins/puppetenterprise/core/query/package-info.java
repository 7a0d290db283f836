/**
 * The execution core's PuppetDB queries: validated input, one request, rows or failure in words.
 * Free of Jenkins, like the rest of {@code core}.
 */
package io.jenkins.plugins.puppetenterprise.core.query;
