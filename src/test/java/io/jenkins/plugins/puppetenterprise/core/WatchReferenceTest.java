package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchReferenceTest {
    private static final Instant AT = Instant.parse("2024-05-20T16:00:00Z");

    @Test
    void planReferenceSurvivesJavaSerialization() throws Exception {
        PlanRunReference ref = new PlanRunReference(
                        "pe-prod",
                        RunMarker.create(),
                        AT,
                        AT.plusSeconds(3600),
                        "m::deploy",
                        "production",
                        null,
                        -1,
                        true)
                .withPlanJob("42")
                .withLastEventId(1275);
        assertThat(roundTrip(ref)).isEqualTo(ref);
        assertThat(ref.describe()).isEqualTo("plan job 42 (m::deploy)");
    }

    @Test
    void deployReferenceSurvivesJavaSerialization() throws Exception {
        CodeDeployReference ref = new CodeDeployReference(
                "pe-prod",
                RunMarker.create(),
                AT,
                AT.plusSeconds(600),
                List.of(
                        new CodeDeployReference.Deploy("production", 3L),
                        new CodeDeployReference.Deploy("testing", 4L)),
                false);
        assertThat(roundTrip(ref)).isEqualTo(ref);
    }

    @Test
    void markersAreDistinctAndRecognisable() {
        String a = RunMarker.create();
        assertThat(a).isNotEqualTo(RunMarker.create());
        assertThat(RunMarker.isMarker(a)).isTrue();
        assertThat(RunMarker.describe(null, a)).isEqualTo("Jenkins [" + a + "]");
    }

    private static Object roundTrip(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
