package io.jenkins.plugins.puppetenterprise.simulator;

/** Answers one endpoint; throws {@link PeError} for PE's error answers. */
@FunctionalInterface
public interface EndpointHandler {
    /**
     * @param caller the token's user for authenticated endpoints, otherwise null
     */
    SimulatorResponse handle(SimulatorRequest request, SimulatedUser caller) throws InterruptedException;
}
