/** The {@code puppetCodeDeploy} Pipeline step and its freestyle builder, with their views. */
package io.jenkins.plugins.puppetenterprise.jenkins.deploy;
