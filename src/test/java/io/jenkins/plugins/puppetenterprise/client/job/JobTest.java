package io.jenkins.plugins.puppetenterprise.client.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A job as {@code GET /jobs} lists it (pe-api-jobs.md 4.9.5). */
class JobTest {
    @Test
    void theLastStateChangeIsReadWhereThereAreNoStartOrFinishTimes() throws Exception {
        Job job = Job.from(LenientJson.MAPPER.readTree(
                "{\"name\":\"81\",\"state\":\"new\",\"timestamp\":\"2024-05-02T10:16:40Z\"}"));

        assertThat(job.timestamp()).isEqualTo(Instant.parse("2024-05-02T10:16:40Z"));
        assertThat(job.startedTimestamp()).isNull();
        assertThat(job.finishedTimestamp()).isNull();
    }
}
