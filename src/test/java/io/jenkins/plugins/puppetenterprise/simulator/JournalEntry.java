package io.jenkins.plugins.puppetenterprise.simulator;

import java.time.Instant;

/**
 * One request as the simulator saw it, with tokens, passwords and sensitive plan parameters
 * replaced by {@code <redacted>}.
 *
 * @param time the simulator clock's time when the request arrived
 * @param endpoint the endpoint, or null when no route matched (the answer was a 404)
 * @param query the raw query string, or null
 * @param body the body as text, or null when empty or not read (connection dropped first)
 * @param status the HTTP status sent, or 0 when the connection was dropped instead
 * @param fault the injected fault that shaped the answer, or null
 */
public record JournalEntry(
        Instant time,
        PeService service,
        PeEndpoint endpoint,
        String method,
        String path,
        String query,
        String body,
        int status,
        Fault fault) {}
