/**
 * The execution core's Code Manager deploys: the validated input of {@code puppetCodeDeploy}
 * (environments, or branches and the environment names Code Manager makes of them). The deploy
 * watch and its sweep ({@code core.CodeDeployWatch}, {@code core.CodeDeploySweep}) live next to
 * the other watches, as {@code core.Watch} and {@code core.WatchReference} are sealed and share the
 * request budget's package-private contract. No Jenkins import.
 */
package io.jenkins.plugins.puppetenterprise.core.deploy;
