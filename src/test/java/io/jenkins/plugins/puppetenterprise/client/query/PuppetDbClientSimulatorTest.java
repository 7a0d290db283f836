package io.jenkins.plugins.puppetenterprise.client.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.puppetenterprise.client.PeAnswerTooLargeException;
import io.jenkins.plugins.puppetenterprise.client.PeBadRequestException;
import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeCredentialsException;
import io.jenkins.plugins.puppetenterprise.client.PePermissionException;
import io.jenkins.plugins.puppetenterprise.client.PeSecret;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.PeUnexpectedResponseException;
import io.jenkins.plugins.puppetenterprise.client.RetryPolicy;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.Fault;
import io.jenkins.plugins.puppetenterprise.simulator.JournalEntry;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PuppetDB client against the simulator's real HTTPS PuppetDB (pe-api-jobs.md section 8). */
class PuppetDbClientSimulatorTest {
    private static final String PASSWORD = "pdb-pass-9c1e";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PeSimulator pe;
    private PeClient client;

    @BeforeEach
    void start() {
        pe = PeSimulator.start(new FakeClock());
        pe.addUser("deployer", PASSWORD, UserPermissions.deployer());
        pe.addUser("viewer", PASSWORD, UserPermissions.none());
        PeServiceUrls urls = PeServiceUrls.of(
                "",
                pe.rbacUrl().toString(),
                pe.codeManagerUrl().toString(),
                pe.orchestratorUrl().toString(),
                pe.consoleUrl().toString(),
                pe.puppetDbUrl().toString());
        client = PeClient.builder(urls, PeCaBundle.fromPem(pe.caPem()))
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2)))
                .random(new SplittableRandom(1))
                .requestTimeout(Duration.ofSeconds(20))
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        pe.close();
    }

    private PuppetDbClient puppetDb(String login) {
        return new PuppetDbClient(client.session(new PeCredentials.Token(PeSecret.of(pe.issueToken(login)))));
    }

    @Test
    void aPqlQueryAnswersPlainRowsAndAsksForOneRowMoreThanTheLimit() throws Exception {
        List<Map<String, Object>> rows = await(puppetDb("deployer")
                .query(PuppetDbQuery.pql(
                        "nodes[certname, latest_report_job_id, deactivated] { catalog_environment = \"production\" }",
                        2)));

        assertThat(rows)
                .extracting(row -> row.get("certname"))
                .containsExactly("web01.example.com", "web02.example.com", "db01.example.com");
        assertThat(rows).allSatisfy(row -> assertThat(row).isInstanceOf(LinkedHashMap.class));
        assertThat(rows).isInstanceOf(ArrayList.class);
        assertThat(rows.get(0)).containsEntry("latest_report_job_id", "81").containsEntry("deactivated", null);
        assertThat(sentBody().get("limit").asInt()).isEqualTo(3);
    }

    @Test
    void aQueryThatPagesItselfGetsNoPagingKeys() throws Exception {
        List<Map<String, Object>> rows = await(puppetDb("deployer")
                .query(PuppetDbQuery.pql("reports[certname, job_id] { job_id = \"81\" order by certname desc }", 10)));

        assertThat(rows)
                .extracting(row -> row.get("certname"))
                .containsExactly("web02.example.com", "web01.example.com");
        assertThat(sentBody().has("limit")).isFalse();
        assertThat(sentBody().has("offset")).isFalse();
        assertThat(sentBody().has("order_by")).isFalse();
    }

    @Test
    void anAstQueryIsSentAsJson() throws Exception {
        List<Map<String, Object>> rows = await(puppetDb("deployer")
                .query(PuppetDbQuery.ast(
                        JSON.readTree("[\"from\", \"facts\", [\"extract\", [\"certname\", \"value\"],"
                                + " [\"and\", [\"=\", \"name\", \"processorcount\"], [\">\", \"value\", 4]]]]"),
                        100)));

        assertThat(rows)
                .containsExactly(
                        Map.of("certname", "db01.example.com", "value", 6),
                        Map.of("certname", "build01.example.com", "value", 8));
        assertThat(sentBody().get("query").isArray()).isTrue();
        assertThat(sentBody().get("limit").asInt()).isEqualTo(101);
    }

    @Test
    void aParseErrorIsAnExcerptNamingTheQueryWithoutTheToken() {
        String token = pe.issueToken("deployer");
        PuppetDbClient puppetDb = new PuppetDbClient(client.session(new PeCredentials.Token(PeSecret.of(token))));

        assertThatThrownBy(() -> await(puppetDb.query(PuppetDbQuery.pql("nodes badquery {}", 10))))
                .isInstanceOfSatisfying(PeBadRequestException.class, e -> {
                    assertThat(e.getMessage())
                            .startsWith("PuppetDB refused the query 'nodes badquery {}': \"PQL parse error at line 1")
                            .contains("Fix: Correct the query")
                            .doesNotContain(token)
                            .doesNotContain("\n");
                    assertThat(e.peMessage().length()).isLessThanOrEqualTo(301);
                });
    }

    @Test
    void aLongQueryIsShownCut() {
        String longQuery = "nodes[certname] { certname in [" + "\"n.example.com\", ".repeat(200) + "\"x\"] } trailing";

        assertThatThrownBy(() -> await(puppetDb("deployer").query(PuppetDbQuery.pql(longQuery, 10))))
                .isInstanceOfSatisfying(
                        PeBadRequestException.class,
                        e -> assertThat(e.getMessage())
                                .contains("'nodes[certname] { certname in [\"n.example.com\"")
                                .contains("…'")
                                .hasSizeLessThan(900));
    }

    @Test
    void withoutViewDataPuppetDbAnswers403NamingThePermission() {
        assertThatThrownBy(() -> await(puppetDb("viewer").query(PuppetDbQuery.pql("nodes {}", 10))))
                .isInstanceOfSatisfying(
                        PePermissionException.class,
                        e -> assertThat(e.getMessage())
                                .contains("nodes:view_data:*")
                                .contains("Permission denied: User does not have permission to access PuppetDB"));
    }

    @Test
    void anUnknownTokenIsRbacs401() {
        PuppetDbClient puppetDb =
                new PuppetDbClient(client.session(new PeCredentials.Token(PeSecret.of("not-a-token-at-all"))));

        assertThatThrownBy(() -> await(puppetDb.query(PuppetDbQuery.pql("nodes {}", 10))))
                .isInstanceOfSatisfying(
                        PeCredentialsException.class,
                        e -> assertThat(e.kind()).isEqualTo("puppetlabs.rbac/invalid-token"));
    }

    @Test
    void aPasswordSessionLogsInQueriesAndRevokesItsToken() throws Exception {
        PeSession session = client.session(
                new PeCredentials.Password("deployer", PeSecret.of(PASSWORD), Duration.ofHours(1), "query #1"));
        assertThat(await(new PuppetDbClient(session).query(PuppetDbQuery.pql("nodes[certname] {}", 10))))
                .hasSize(4);
        assertThat(pe.journal().count(PeEndpoint.LOGIN)).isEqualTo(1);

        await(session.revokeMintedTokens());
        assertThat(pe.journal().count(PeEndpoint.REVOKE_TOKENS) + pe.journal().count(PeEndpoint.REVOKE_TOKEN))
                .isEqualTo(1);
    }

    @Test
    void anAnswerOverTheSizeLimitFailsNamingTheQueryTheLimitAndTheSetting() {
        PeClient small = PeClient.builder(
                        PeServiceUrls.of(
                                "",
                                pe.rbacUrl().toString(),
                                pe.codeManagerUrl().toString(),
                                pe.orchestratorUrl().toString(),
                                pe.consoleUrl().toString(),
                                pe.puppetDbUrl().toString()),
                        PeCaBundle.fromPem(pe.caPem()))
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2)))
                .maxAnswerBytes(1024 * 1024)
                .build();
        pe.faults().forNextRequests(3, Fault.largeBody(8 * 1024 * 1024), PeEndpoint.PDB_QUERY);
        try {
            PuppetDbClient puppetDb =
                    new PuppetDbClient(small.session(new PeCredentials.Token(PeSecret.of(pe.issueToken("deployer")))));

            assertThatThrownBy(() -> await(puppetDb.query(PuppetDbQuery.pql("nodes {}", 10))))
                    .isInstanceOfSatisfying(
                            PeAnswerTooLargeException.class,
                            e -> assertThat(e.getMessage())
                                    .contains(
                                            "'nodes {}'", "larger than 1 MB", "maxAnswerMegabytes", "nodes[certname]"));
            assertThat(pe.journal().count(PeEndpoint.PDB_QUERY))
                    .as("not sent again")
                    .isEqualTo(1);
        } finally {
            small.close();
        }
    }

    @Test
    void aCutAnswerIsAFailedQueryNotRows() {
        pe.faults().forNextRequests(3, Fault.malformedJson(), PeEndpoint.PDB_QUERY);

        assertThatThrownBy(() -> await(puppetDb("deployer").query(PuppetDbQuery.pql("nodes {}", 10))))
                .isInstanceOfSatisfying(
                        PeUnexpectedResponseException.class,
                        e -> assertThat(e.getMessage()).contains("'nodes {}'").contains("is not complete JSON"));
    }

    @Test
    void pagingInTheQueryIsRecognisedOutsideStringsOnly() {
        assertThat(PuppetDbQuery.pql("nodes { certname = \"limit 5\" }", 1).pagesItself())
                .isFalse();
        assertThat(PuppetDbQuery.pql("nodes { certname ~ \"order by\" }", 1).pagesItself())
                .isFalse();
        assertThat(PuppetDbQuery.pql("nodes { limit 5 }", 1).pagesItself()).isTrue();
        assertThat(PuppetDbQuery.pql("nodes { offset 5 }", 1).pagesItself()).isTrue();
        assertThat(PuppetDbQuery.pql("nodes { ORDER  BY certname }", 1).pagesItself())
                .isTrue();
    }

    @Test
    void pagingInAnAstIsRecognisedAtAnyDepth() throws Exception {
        assertThat(PuppetDbQuery.ast(JSON.readTree("[\"from\", \"nodes\", [\"limit\", 5]]"), 1)
                        .pagesItself())
                .isTrue();
        assertThat(PuppetDbQuery.ast(JSON.readTree("[\"from\", \"nodes\", [\"order_by\", [\"certname\"]]]"), 1)
                        .pagesItself())
                .isTrue();
        assertThat(PuppetDbQuery.ast(JSON.readTree("[\"from\", \"nodes\", [\"=\", \"certname\", \"limit\"]]"), 1)
                        .pagesItself())
                .isFalse();
    }

    @Test
    void puppetDbIsOnThePrimaryPort8081UnlessOverridden() {
        assertThat(PeServiceUrls.of("pe.example.com", null, null, null, null).puppetDb())
                .hasToString("https://pe.example.com:8081");
        assertThat(PeServiceUrls.of("pe.example.com", null, null, null, null, "https://pdb.example.com:8081/")
                        .puppetDb())
                .hasToString("https://pdb.example.com:8081");
        assertThatThrownBy(() -> PeServiceUrls.of("pe.example.com", null, null, null, null, "http://pdb:8080"))
                .hasMessageContaining("PuppetDB URL")
                .hasMessageContaining("https://");
    }

    private com.fasterxml.jackson.databind.JsonNode sentBody() throws Exception {
        List<JournalEntry> entries = pe.journal().entries(PeEndpoint.PDB_QUERY);
        return JSON.readTree(entries.get(entries.size() - 1).body());
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
