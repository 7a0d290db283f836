package io.jenkins.plugins.puppetenterprise.client.job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code POST /command/stop} answered: node counts per state at the moment of the request,
 * and whether {@code force} was sent and not refused ({@code forced}; the answer does not show that
 * PE honoured it) or refused ({@code forceRefused}: this PE does not know it (before 2021.7), so the
 * job was stopped without it).
 */
public record StopResult(Map<String, Long> nodes, boolean forced, boolean forceRefused) {
    public StopResult {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    }
}
