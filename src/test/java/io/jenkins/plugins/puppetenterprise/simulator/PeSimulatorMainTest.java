package io.jenkins.plugins.puppetenterprise.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-alone command's start-up, in process: what it prints works. */
class PeSimulatorMainTest {
    @TempDir
    Path dir;

    @Test
    void printsWorkingUrlsCaFileAndTokenThatDeploysProduction() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Path caFile = dir.resolve("ca.pem");
        try (PeSimulator pe = PeSimulatorMain.start(
                new String[] {"--ca-file", caFile.toString(), "--deploy-duration", "0s"},
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String output = printed.toString(StandardCharsets.UTF_8);
            URI codeManager = URI.create(value(output, "Code Manager"));
            assertThat(URI.create(value(output, "RBAC"))).isEqualTo(pe.rbacUrl());
            assertThat(URI.create(value(output, "Orchestrator"))).isEqualTo(pe.orchestratorUrl());
            assertThat(URI.create(value(output, "Console"))).isEqualTo(pe.consoleUrl());
            Path printedCa = Path.of(value(output, "CA file"));
            assertThat(printedCa).isEqualTo(caFile.toAbsolutePath());
            String token = value(output, "Token");

            HttpClient http =
                    HttpClient.newBuilder().sslContext(trusting(printedCa)).build();
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(codeManager + "/code-manager/v1/deploys"))
                            .header("X-Authentication", token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"environments\": [\"production\"], \"wait\": true}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode entry = SimulatorJson.MAPPER.readTree(response.body()).get(0);
            assertThat(entry.get("environment").textValue()).isEqualTo("production");
            assertThat(entry.get("status").textValue()).isEqualTo("complete");
            assertThat(output).contains("curl --cacert " + printedCa);
        }
    }

    @Test
    void theWorkloadFinishesJobsAtTimesSpreadFromTheFirstToTheLastAndTheJournalIsWritten() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PeSimulator pe = PeSimulatorMain.start(
                new String[] {
                    "--ca-file", dir.resolve("ca.pem").toString(),
                    "--workload-jobs", "3",
                    "--first-finish", "60s",
                    "--last-finish", "80s",
                    "--outage-at", "1h"
                },
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String output = printed.toString(StandardCharsets.UTF_8);
            assertThat(output).contains("Workload:     3 jobs of plan benchmark::job finishing from ");
            assertThat(output).contains("Outage:       every service answers 503 from ");
            HttpClient http = HttpClient.newBuilder()
                    .sslContext(trusting(Path.of(value(output, "CA file"))))
                    .build();
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(pe.orchestratorUrl() + "/orchestrator/v1/command/plan_run"))
                                .header("X-Authentication", value(output, "Token"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"plan_name\": \"benchmark::job\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(202);
            }
            var finishes = pe.planJobs().stream()
                    .sorted(java.util.Comparator.comparingLong(job -> Long.parseLong(job.name())))
                    .map(PlanJobSnapshot::finishedAt)
                    .toList();
            // Scripted when the job is created, a moment after the simulator took its start time.
            java.time.Duration moment = java.time.Duration.ofMillis(200);
            assertThat(java.time.Duration.between(finishes.get(0), finishes.get(1)))
                    .isBetween(
                            java.time.Duration.ofSeconds(10).minus(moment),
                            java.time.Duration.ofSeconds(10).plus(moment));
            assertThat(java.time.Duration.between(finishes.get(0), finishes.get(2)))
                    .isBetween(
                            java.time.Duration.ofSeconds(20).minus(moment),
                            java.time.Duration.ofSeconds(20).plus(moment));
            assertThat(java.time.Duration.between(finishes.get(2), finishes.get(3)))
                    .as("jobs past N finish last")
                    .isBetween(moment.negated(), moment);

            Path journal = dir.resolve("journal.csv");
            PeSimulatorMain.writeJournal(pe.journal().entries(), journal);
            assertThat(Files.readAllLines(journal)).first().isEqualTo("epoch_ms,service,endpoint,method,status,path");
            assertThat(Files.readAllLines(journal))
                    .filteredOn(l -> l.contains(",PLAN_RUN,POST,202,/orchestrator/v1/command/plan_run"))
                    .hasSize(4);
        }
    }

    @Test
    void rejectsUnknownOptionsClearly() {
        assertThatThrownBy(() -> PeSimulatorMain.start(new String[] {"--colour", "red"}, System.out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--colour");
        assertThatThrownBy(() -> PeSimulatorMain.start(new String[] {"--plan-duration", "soon"}, System.out))
                .hasMessageContaining("soon");
    }

    private static String value(String output, String label) {
        Matcher matcher = Pattern.compile("^\\s*" + Pattern.quote(label) + ":\\s+(\\S+)", Pattern.MULTILINE)
                .matcher(output);
        assertThat(matcher.find()).as("output names %s:%n%s", label, output).isTrue();
        return matcher.group(1);
    }

    private static SSLContext trusting(Path caFile) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (var in = Files.newInputStream(caFile)) {
            int i = 0;
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca" + i++, (X509Certificate) certificate);
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
