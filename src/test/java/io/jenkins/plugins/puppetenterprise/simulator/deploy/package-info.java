/** The simulator's Code Manager: deploys, their status listing and file sync (pe-api.md section 3). */
package io.jenkins.plugins.puppetenterprise.simulator.deploy;
