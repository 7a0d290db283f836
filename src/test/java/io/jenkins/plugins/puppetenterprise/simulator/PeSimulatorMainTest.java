package io.jenkins.plugins.puppetenterprise.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.simulator.deploy.DeploySnapshot;
import io.jenkins.plugins.puppetenterprise.simulator.job.JobSnapshot;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobSnapshot;
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
            assertThat(Files.readAllLines(journal))
                    .first()
                    .isEqualTo("epoch_ms,service,endpoint,method,status,path,query");
            assertThat(Files.readAllLines(journal))
                    .filteredOn(l -> l.endsWith(",PLAN_RUN,POST,202,/orchestrator/v1/command/plan_run,"))
                    .hasSize(4);
        }
    }

    @Test
    void workloadDeploysSyncAtTimesSpreadFromTheFirstToTheLastForEveryUsersToken() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PeSimulator pe = PeSimulatorMain.start(
                new String[] {
                    "--ca-file", dir.resolve("ca.pem").toString(),
                    "--workload-deploys", "3",
                    "--first-finish", "60s",
                    "--last-finish", "80s",
                    "--users", "3"
                },
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String output = printed.toString(StandardCharsets.UTF_8);
            assertThat(output).contains("Workload:     3 deploys of environment benchmark finishing from ");
            assertThat(value(output, "User 2")).isEqualTo("deployer-2");
            assertThat(value(output, "User 3")).isEqualTo("deployer-3");
            java.util.List<String> tokens =
                    java.util.List.of(value(output, "Token"), value(output, "Token 2"), value(output, "Token 3"));
            assertThat(tokens).doesNotHaveDuplicates();
            HttpClient http = HttpClient.newBuilder()
                    .sslContext(trusting(Path.of(value(output, "CA file"))))
                    .build();
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(pe.codeManagerUrl() + "/code-manager/v1/deploys"))
                                .header("X-Authentication", tokens.get(i % 3))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"environments\": [\"benchmark\"]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
            var finishes = pe.deploys().stream().map(DeploySnapshot::finishedAt).toList();
            assertThat(pe.deploys()).extracting(DeploySnapshot::status).containsOnly("deploying");
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
                    .as("deploys past N finish last")
                    .isBetween(moment.negated(), moment);
            assertThat(java.time.Duration.between(pe.clock().instant(), finishes.get(0)))
                    .isBetween(java.time.Duration.ofSeconds(55), java.time.Duration.ofSeconds(61));

            Path finishFile = dir.resolve("finishes.csv");
            PeSimulatorMain.writeFinishes(pe, finishFile);
            assertThat(Files.readAllLines(finishFile))
                    .containsExactlyElementsOf(pe.deploys().stream()
                            .map(d -> "deploy," + d.id() + "," + d.finishedAt().toEpochMilli())
                            .toList());
        }
    }

    @Test
    void workloadPlanJobsLogTheirLinesEvenlyOverTheirRunAndTheFinishFileNamesThem() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PeSimulator pe = PeSimulatorMain.start(
                new String[] {
                    "--ca-file", dir.resolve("ca.pem").toString(),
                    "--workload-jobs", "1",
                    "--first-finish", "800ms",
                    "--last-finish", "800ms"
                },
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String output = printed.toString(StandardCharsets.UTF_8);
            HttpClient http = HttpClient.newBuilder()
                    .sslContext(trusting(Path.of(value(output, "CA file"))))
                    .build();
            HttpResponse<String> run = http.send(
                    HttpRequest.newBuilder(URI.create(pe.orchestratorUrl() + "/orchestrator/v1/command/plan_run"))
                            .header("X-Authentication", value(output, "Token"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"plan_name\": \"benchmark::job\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String name = SimulatorJson.MAPPER.readTree(run.body()).get("name").textValue();
            PlanJobSnapshot job = pe.planJob(name).orElseThrow();
            Thread.sleep(Math.max(
                    0,
                    java.time.Duration.between(pe.clock().instant(), job.finishedAt())
                                    .toMillis()
                            + 50));

            JsonNode events = SimulatorJson.MAPPER.readTree(http.send(
                            HttpRequest.newBuilder(URI.create(
                                            pe.orchestratorUrl() + "/orchestrator/v1/plan_jobs/" + name + "/events"))
                                    .header("X-Authentication", value(output, "Token"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            java.util.List<String> messages = new java.util.ArrayList<>();
            java.util.List<java.time.Instant> times = new java.util.ArrayList<>();
            for (JsonNode event : events.get("items")) {
                if (event.get("type").textValue().equals("out_message")) {
                    messages.add(event.get("details").get("message").textValue());
                    times.add(java.time.Instant.parse(event.get("timestamp").textValue()));
                }
            }
            assertThat(messages).containsExactly("benchmark line 1", "benchmark line 2", "benchmark line 3");
            java.time.Duration quarter = java.time.Duration.between(times.get(0), job.finishedAt());
            assertThat(java.time.Duration.between(times.get(0), times.get(1)).multipliedBy(3))
                    .isBetween(quarter.minusMillis(5), quarter.plusMillis(5));
            assertThat(java.time.Duration.between(times.get(2), job.finishedAt())
                            .multipliedBy(3))
                    .isBetween(quarter.minusMillis(5), quarter.plusMillis(5));

            Path finishFile = dir.resolve("finishes.csv");
            PeSimulatorMain.writeFinishes(pe, finishFile);
            assertThat(Files.readAllLines(finishFile))
                    .containsExactly("plan," + name + "," + job.finishedAt().toEpochMilli());
        }
    }

    @Test
    void workloadPuppetRunsEndAtTimesSpreadFromTheFirstToTheLastAndTheFinishFileNamesThem() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PeSimulator pe = PeSimulatorMain.start(
                new String[] {
                    "--ca-file", dir.resolve("ca.pem").toString(),
                    "--workload-puppet-runs", "3",
                    "--first-finish", "60s",
                    "--last-finish", "80s"
                },
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String output = printed.toString(StandardCharsets.UTF_8);
            assertThat(output).contains("Workload:     3 Puppet runs in environment benchmark finishing from ");
            HttpClient http = HttpClient.newBuilder()
                    .sslContext(trusting(Path.of(value(output, "CA file"))))
                    .build();
            for (int k = 0; k < 4; k++) {
                assertThat(puppetRun(http, pe, value(output, "Token"), 1 + k % 3)
                                .statusCode())
                        .isEqualTo(202);
            }
            var finishes = pe.jobs().stream().map(JobSnapshot::finishedAt).toList();
            assertThat(pe.jobs()).extracting(JobSnapshot::state).containsOnly("running");
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
                    .as("runs past N end last")
                    .isBetween(moment.negated(), moment);
            assertThat(java.time.Duration.between(pe.clock().instant(), finishes.get(0)))
                    .isBetween(java.time.Duration.ofSeconds(55), java.time.Duration.ofSeconds(61));

            Path finishFile = dir.resolve("finishes.csv");
            PeSimulatorMain.writeFinishes(pe, finishFile);
            assertThat(Files.readAllLines(finishFile))
                    .containsExactlyElementsOf(pe.jobs().stream()
                            .map(job ->
                                    "job," + job.name() + "," + job.finishedAt().toEpochMilli())
                            .toList());
        }
    }

    @Test
    void aWorkloadPuppetRunEndsAtItsTimeWithItsFirstNodeAndItsOtherNodesEndBefore() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PeSimulator pe = PeSimulatorMain.start(
                new String[] {
                    "--ca-file", dir.resolve("ca.pem").toString(),
                    "--workload-puppet-runs", "1",
                    "--first-finish", "1500ms",
                    "--last-finish", "1500ms"
                },
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String output = printed.toString(StandardCharsets.UTF_8);
            String token = value(output, "Token");
            HttpClient http = HttpClient.newBuilder()
                    .sslContext(trusting(Path.of(value(output, "CA file"))))
                    .build();
            String name = SimulatorJson.MAPPER
                    .readTree(puppetRun(http, pe, token, 3).body())
                    .get("job")
                    .get("name")
                    .textValue();
            JobSnapshot job = pe.jobs().get(0);
            assertThat(job.name()).isEqualTo(name);
            Thread.sleep(Math.max(
                    0,
                    java.time.Duration.between(pe.clock().instant(), job.finishedAt())
                                    .toMillis()
                            + 50));

            JsonNode detail = get(http, token, pe.orchestratorUrl() + "/orchestrator/v1/jobs/" + name);
            assertThat(detail.get("state").textValue()).isEqualTo("finished");
            assertThat(java.time.Instant.parse(detail.get("finished_timestamp").textValue()))
                    .isEqualTo(job.finishedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            java.util.Map<String, java.time.Instant> nodeEnds = new java.util.HashMap<>();
            for (JsonNode node : get(http, token, pe.orchestratorUrl() + "/orchestrator/v1/jobs/" + name + "/nodes")
                    .get("items")) {
                assertThat(node.get("state").textValue()).isEqualTo("finished");
                nodeEnds.put(
                        node.get("name").textValue(),
                        java.time.Instant.parse(node.get("finish_timestamp").textValue()));
            }
            assertThat(nodeEnds.get("benchmark1.example.com"))
                    .isEqualTo(job.finishedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            assertThat(nodeEnds.get("benchmark3.example.com"))
                    .isBefore(nodeEnds.get("benchmark2.example.com"))
                    .isBefore(nodeEnds.get("benchmark1.example.com"));

            Path finishFile = dir.resolve("finishes.csv");
            PeSimulatorMain.writeFinishes(pe, finishFile);
            assertThat(Files.readAllLines(finishFile))
                    .containsExactly("job," + name + "," + job.finishedAt().toEpochMilli());
        }
    }

    /** {@code POST /command/deploy} in environment benchmark on its first {@code nodes} workload nodes. */
    private static HttpResponse<String> puppetRun(HttpClient http, PeSimulator pe, String token, int nodes)
            throws Exception {
        String scope = String.join(
                ", ",
                PeSimulatorMain.BENCHMARK_NODES.subList(0, nodes).stream()
                        .map(node -> "\"" + node + "\"")
                        .toList());
        return http.send(
                HttpRequest.newBuilder(URI.create(pe.orchestratorUrl() + "/orchestrator/v1/command/deploy"))
                        .header("X-Authentication", token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"environment\": \"benchmark\", \"scope\": {\"nodes\": [" + scope + "]}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(HttpClient http, String token, String url) throws Exception {
        return SimulatorJson.MAPPER.readTree(http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("X-Authentication", token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
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
