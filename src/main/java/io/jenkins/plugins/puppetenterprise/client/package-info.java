/**
 * The Puppet Enterprise HTTP client: RBAC tokens, Code Manager and Orchestrator over
 * {@code java.net.http}, typed results and PE errors. Free of Jenkins, like {@code core}.
 */
package io.jenkins.plugins.puppetenterprise.client;
