package io.jenkins.plugins.puppetenterprise.client;

/** The PE services the client talks to, with the names used in messages. */
public enum PeService {
    RBAC("RBAC (console services)", "/rbac-api"),
    CODE_MANAGER("Code Manager", "/code-manager/v1"),
    ORCHESTRATOR("Orchestrator", "/orchestrator/v1"),
    PUPPETDB("PuppetDB", "/pdb/query/v4");

    private final String displayName;
    private final String apiPath;

    PeService(String displayName, String apiPath) {
        this.displayName = displayName;
        this.apiPath = apiPath;
    }

    public String displayName() {
        return displayName;
    }

    /** The API's base path, used to probe the service. */
    String apiPath() {
        return apiPath;
    }

    java.net.URI baseUrl(PeServiceUrls urls) {
        return switch (this) {
            case RBAC -> urls.rbac();
            case CODE_MANAGER -> urls.codeManager();
            case ORCHESTRATOR -> urls.orchestrator();
            case PUPPETDB -> urls.puppetDb();
        };
    }
}
