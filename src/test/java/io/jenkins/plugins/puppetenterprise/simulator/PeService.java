package io.jenkins.plugins.puppetenterprise.simulator;

/** The simulated PE services; each listens on its own loopback port, as in a real install. */
public enum PeService {
    RBAC("puppetlabs.rbac"),
    CODE_MANAGER("puppetlabs.code-manager"),
    ORCHESTRATOR("puppetlabs.orchestrator"),
    /** PuppetDB's query API; its errors are plain text, not kinds. */
    PUPPETDB("puppetlabs.puppetdb"),
    /** The console's web page, the target of plan job links; no API. */
    CONSOLE("puppetlabs.console");

    private final String kindNamespace;

    PeService(String kindNamespace) {
        this.kindNamespace = kindNamespace;
    }

    /** Namespace of this service's error kinds, e.g. {@code puppetlabs.orchestrator}. */
    public String kindNamespace() {
        return kindNamespace;
    }
}
