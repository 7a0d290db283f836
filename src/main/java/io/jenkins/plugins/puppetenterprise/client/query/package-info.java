/**
 * PuppetDB queries ({@code POST /pdb/query/v4}) over the session of the PE client: PQL or AST,
 * answers as plain Java values. Free of Jenkins, like the rest of {@code client}.
 */
package io.jenkins.plugins.puppetenterprise.client.query;
