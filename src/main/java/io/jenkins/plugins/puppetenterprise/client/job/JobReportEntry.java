package io.jenkins.plugins.puppetenterprise.client.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import java.time.Instant;

/**
 * One entry of {@code GET /jobs/<id>/report} (pe-api-jobs.md 4.9.8), read under {@code items} or,
 * as older servers answered, {@code report}; every field is optional ({@code certname} is read
 * when {@code node} is missing).
 */
public record JobReportEntry(String node, String state, Instant timestamp) {

    public static JobReportEntry from(JsonNode item) {
        return new JobReportEntry(
                LenientJson.firstText(item, "node", "certname"),
                LenientJson.text(item, "state"),
                LenientJson.instant(item, "timestamp"));
    }
}
