package io.jenkins.plugins.puppetenterprise.simulator;

import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;

/** The plugin's service URLs for a running simulator: each service on its own port, no primary host. */
public final class SimulatorUrls {
    private SimulatorUrls() {}

    public static PeServiceUrls of(PeSimulator sim) {
        return PeServiceUrls.of(
                null,
                sim.rbacUrl().toString(),
                sim.codeManagerUrl().toString(),
                sim.orchestratorUrl().toString(),
                sim.consoleUrl().toString());
    }
}
