/**
 * The simulator's PuppetDB: PQL and AST queries over a small fixed data set (pe-api-jobs.md
 * section 8).
 */
package io.jenkins.plugins.puppetenterprise.simulator.query;
