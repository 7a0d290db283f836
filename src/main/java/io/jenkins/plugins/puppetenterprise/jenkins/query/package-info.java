/** The {@code puppetDbQuery} Pipeline step. */
package io.jenkins.plugins.puppetenterprise.jenkins.query;
