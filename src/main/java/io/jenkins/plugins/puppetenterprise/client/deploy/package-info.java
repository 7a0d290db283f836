/**
 * Code Manager deploys ({@code POST /code-manager/v1/deploys}, {@code GET /deploys/status}) over
 * the session of the PE client. Free of Jenkins, like the rest of {@code client}.
 */
package io.jenkins.plugins.puppetenterprise.client.deploy;
