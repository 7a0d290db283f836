package io.jenkins.plugins.puppetenterprise.simulator;

import java.util.Map;

/** Error answers that the Orchestrator's plan and ordinary-job endpoints share. */
public final class OrchestratorErrors {
    private OrchestratorErrors() {}

    public static PeError validation(String msg) {
        return PeError.of(PeService.ORCHESTRATOR, 400, "validation-error", msg);
    }

    /** 403 {@code not-permitted}: the caller's roles do not allow this. */
    public static PeError notPermitted(String msg) {
        return PeError.of(PeService.ORCHESTRATOR, 403, "not-permitted", msg);
    }

    public static PeError notPermitted(String msg, Map<String, Object> details) {
        return PeError.of(PeService.ORCHESTRATOR, 403, "not-permitted", msg, details);
    }

    public static PeError unknownEnvironment(String environment) {
        return PeError.of(
                PeService.ORCHESTRATOR,
                404,
                "unknown-environment",
                "Unknown environment " + environment,
                Map.of("environment", environment));
    }
}
