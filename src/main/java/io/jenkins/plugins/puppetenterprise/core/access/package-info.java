/**
 * Who may use an installation, and with which credential: the folders its jobs must be in, and
 * where a build's credential was found (its store and ID), which keeps the sweeps of two
 * credentials apart. Free of Jenkins, like the rest of {@code core}: the glue passes job and folder
 * full names and the store's name.
 */
package io.jenkins.plugins.puppetenterprise.core.access;
