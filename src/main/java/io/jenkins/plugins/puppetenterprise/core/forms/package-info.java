/**
 * What the forms of the steps and build steps learn from PE, free of Jenkins: the names a picker
 * offers, the words a field's check shows, and a short-lived cache of PE's answers. The glue
 * checks permissions and resolves the credential first, then asks here.
 */
package io.jenkins.plugins.puppetenterprise.core.forms;
