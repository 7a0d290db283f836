package io.jenkins.plugins.puppetenterprise.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** A PE error answer: an HTTP status with the {@code {kind, msg, details}} body PE sends. */
public final class PeError extends RuntimeException {
    private final int status;
    private final String kind;
    private final Object details;

    public PeError(int status, String kind, String msg, Object details) {
        super(msg, null, false, false);
        this.status = status;
        this.kind = kind;
        this.details = details;
    }

    public static PeError of(PeService service, int status, String shortKind, String msg) {
        return new PeError(status, service.kindNamespace() + "/" + shortKind, msg, null);
    }

    public static PeError of(PeService service, int status, String shortKind, String msg, Object details) {
        return new PeError(status, service.kindNamespace() + "/" + shortKind, msg, details);
    }

    int status() {
        return status;
    }

    String kind() {
        return kind;
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("msg", getMessage());
        if (details != null) {
            body.put("details", details);
        }
        return body;
    }

    SimulatorResponse response() {
        return SimulatorResponse.json(status, body());
    }
}
