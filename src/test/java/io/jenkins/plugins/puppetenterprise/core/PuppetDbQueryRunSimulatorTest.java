package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeSecret;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.core.query.PuppetDbQueryInput;
import io.jenkins.plugins.puppetenterprise.core.query.PuppetDbQueryRun;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.Fault;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** puppetDbQuery's core against the simulator's PuppetDB over real HTTPS. */
class PuppetDbQueryRunSimulatorTest {
    private static final String PASSWORD = "pw-canary-4e1b";

    private PeSimulator sim;
    private PeClient client;
    private final List<LogLine> lines = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        sim = PeSimulator.start(new FakeClock());
        sim.addUser("deployer", PASSWORD, UserPermissions.deployer());
        sim.addUser("viewer", PASSWORD, UserPermissions.none());
        client = PeClient.builder(
                        PeServiceUrls.of(
                                null,
                                sim.rbacUrl().toString(),
                                sim.codeManagerUrl().toString(),
                                sim.orchestratorUrl().toString(),
                                sim.consoleUrl().toString(),
                                sim.puppetDbUrl().toString()),
                        PeCaBundle.fromPem(sim.caPem()))
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    private PeSession tokenSession(String login) {
        return client.session(PeCredentials.token(sim.issueToken(login)));
    }

    private Outcome run(PeSession session, String query, Integer limit) throws Exception {
        PuppetDbQueryInput input =
                PuppetDbQueryInput.builder().query(query).limit(limit).build();
        return PuppetDbQueryRun.run(session, "sim", input, lines::add).get(20, TimeUnit.SECONDS);
    }

    @Test
    void rowsComeBackAsPlainValuesWithTheirCount() throws Exception {
        Outcome outcome = run(tokenSession("deployer"), "reports[certname, job_id] { job_id = \"81\" }", null);

        assertThat(outcome.verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(outcome.result())
                .containsEntry("count", 2)
                .containsEntry("server", "sim")
                .containsEntry("limit", PuppetDbQueryInput.DEFAULT_LIMIT);
        assertThat(outcome.result().get("rows"))
                .isEqualTo(List.of(
                        Map.of("certname", "web01.example.com", "job_id", "81"),
                        Map.of("certname", "web02.example.com", "job_id", "81")));
        assertThat(lines)
                .extracting(LogLine::plainText)
                .containsExactly(
                        "Querying PuppetDB: 'reports[certname, job_id] { job_id = \"81\" }' on sim.",
                        "PuppetDB query returned 2 rows.");
    }

    @Test
    void moreRowsThanTheLimitFailWithWordsAndNoRows() throws Exception {
        Outcome outcome = run(tokenSession("deployer"), "nodes[certname] {}", 3);

        assertThat(outcome.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(outcome.summary())
                .contains("returned more than 3 rows")
                .contains("raise limit")
                .contains("entity[field, ...]");
        assertThat(outcome.result()).doesNotContainKeys("rows", "count");
    }

    @Test
    void exactlyTheLimitIsASuccess() throws Exception {
        Outcome outcome = run(tokenSession("deployer"), "nodes[certname] {}", 4);

        assertThat(outcome.verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(outcome.result()).containsEntry("count", 4);
    }

    @Test
    void aQueryWithItsOwnLimitStillMayNotExceedTheStepsLimit() throws Exception {
        assertThat(run(tokenSession("deployer"), "nodes[certname] { limit 2 }", 2)
                        .verdict())
                .isEqualTo(Verdict.SUCCESS);
        Outcome tooMany = run(tokenSession("deployer"), "nodes[certname] { order by certname limit 3 }", 2);
        assertThat(tooMany.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(tooMany.summary()).contains("more than 2 rows");
    }

    @Test
    void aRefusedQueryFailsWithPuppetDbsWordsAndTheQuery() throws Exception {
        Outcome outcome = run(tokenSession("deployer"), "nodes[certname] { certname = }", null);

        assertThat(outcome.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(outcome.summary())
                .startsWith("PuppetDB refused the query 'nodes[certname] { certname = }': \"PQL parse error");
        assertThat(lines).extracting(LogLine::plainText).contains(outcome.summary());
    }

    @Test
    void aUserWithoutViewDataIsToldThePermission() throws Exception {
        Outcome outcome = run(tokenSession("viewer"), "nodes {}", null);

        assertThat(outcome.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(outcome.summary()).contains("nodes:view_data:*");
    }

    @Test
    void aPasswordCredentialMintsATokenThatClosingTheSessionRevokes() throws Exception {
        PeSession session = client.session(
                new PeCredentials.Password("deployer", PeSecret.of(PASSWORD), Duration.ofHours(1), "job #3"));
        Outcome outcome = run(session, "nodes[certname] {}", null);
        assertThat(outcome.verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(sim.journal().count(PeEndpoint.LOGIN)).isEqualTo(1);

        session.close();

        assertThat(sim.journal().entries(PeEndpoint.REVOKE_TOKENS)).hasSize(1);
        assertThat(String.join("\n", lines.stream().map(LogLine::plainText).toList()))
                .doesNotContain(PASSWORD);
    }

    @Test
    void noThreadWaitsForTheAnswer() throws Exception {
        sim.faults().forNextRequests(1, Fault.delay(Duration.ofSeconds(2)), PeEndpoint.PDB_QUERY);
        PuppetDbQueryInput input =
                PuppetDbQueryInput.builder().query("nodes {}").build();

        CompletableFuture<Outcome> pending = PuppetDbQueryRun.run(tokenSession("deployer"), "sim", input, lines::add);

        assertThat(pending).as("run returns while PuppetDB has not answered").isNotDone();
        assertThat(pending.get(20, TimeUnit.SECONDS).verdict()).isEqualTo(Verdict.SUCCESS);
    }
}
