/**
 * The execution core shared by every front end: validating a request, submitting it once,
 * watching it without holding a thread, and turning the outcome into log lines, a result map
 * and a verdict. Free of Jenkins; it speaks to PE only through {@code client}.
 */
package io.jenkins.plugins.puppetenterprise.core;
