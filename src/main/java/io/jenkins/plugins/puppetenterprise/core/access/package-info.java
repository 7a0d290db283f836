/**
 * Who may use an installation: the folders its jobs must be in. Free of Jenkins, like the rest of
 * {@code core}: the glue passes job and folder full names.
 */
package io.jenkins.plugins.puppetenterprise.core.access;
