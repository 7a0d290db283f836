/**
 * The PE simulator (test scope): real HTTPS servers on loopback with their own CA that behave like
 * PE's services, used by every test and runnable on its own ({@link
 * io.jenkins.plugins.puppetenterprise.simulator.PeSimulatorMain}). This package holds what every
 * service shares: the servers and their routing, users and tokens (the RBAC directory every service
 * authenticates against), PE's error answers, the nodes the Orchestrator knows, fault injection and
 * the request journal. Each kind of PE work has its own package: {@code rbac}, {@code deploy},
 * {@code plan}, {@code job} and {@code query}.
 */
package io.jenkins.plugins.puppetenterprise.simulator;
