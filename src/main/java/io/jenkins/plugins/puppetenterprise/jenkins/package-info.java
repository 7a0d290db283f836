/**
 * The Jenkins glue: global configuration, credentials, Pipeline steps, freestyle builders and
 * the build page. Thin: it translates Jenkins configuration and context into calls of {@code core}.
 */
package io.jenkins.plugins.puppetenterprise.jenkins;
