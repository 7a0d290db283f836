/**
 * The Puppet Enterprise HTTP client: what every kind of work shares (service URLs, TLS trust of
 * the PE CA, the transport over {@code java.net.http}, sessions, retries, answer limits and one
 * exception hierarchy for PE's errors, translated into words) and RBAC tokens. Each kind of work
 * has its package: {@code client.deploy}, {@code client.plan}, {@code client.job},
 * {@code client.query}. RBAC stays here, as the session logs in, labels and revokes its tokens
 * through it, and a secret's plain text is only readable inside this package. Free of Jenkins,
 * like {@code core}.
 */
package io.jenkins.plugins.puppetenterprise.client;
