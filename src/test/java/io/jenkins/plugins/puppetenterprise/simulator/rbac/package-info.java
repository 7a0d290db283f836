/** The simulator's RBAC endpoints: logins, tokens and their lifetimes (pe-api.md section 2). */
package io.jenkins.plugins.puppetenterprise.simulator.rbac;
