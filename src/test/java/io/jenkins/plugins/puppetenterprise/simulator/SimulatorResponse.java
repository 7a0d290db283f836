package io.jenkins.plugins.puppetenterprise.simulator;

import java.nio.charset.StandardCharsets;

/** What a simulated endpoint answers, before any fault rewrites it. */
public record SimulatorResponse(int status, String contentType, byte[] body) {
    public static SimulatorResponse json(int status, Object body) {
        return new SimulatorResponse(status, "application/json;charset=utf-8", SimulatorJson.write(body));
    }

    public static SimulatorResponse noContent() {
        return new SimulatorResponse(204, null, new byte[0]);
    }

    public static SimulatorResponse text(int status, String contentType, String body) {
        return new SimulatorResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
