package io.jenkins.plugins.puppetenterprise.simulator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.PeTestClient;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Code Manager (pe-api.md section 3): deploys, their lifecycle and status, waiting and failures. */
class CodeManagerApiTest {
    private static final String DEPLOYS = "/code-manager/v1/deploys";
    private static final String STATUS = "/code-manager/v1/deploys/status";

    private final FakeClock clock = new FakeClock();
    private PeSimulator pe;
    private PeTestClient client;
    private String token;

    @BeforeEach
    void start() {
        pe = PeSimulator.start(clock);
        pe.addUser("deployer", "s3cret", UserPermissions.deployer());
        token = pe.issueToken("deployer", Duration.ofDays(1));
        client = new PeTestClient(pe);
        pe.putEnvironment(EnvironmentSpec.named("production")
                .withQueueDurations(Duration.ofSeconds(1), Duration.ofSeconds(1))
                .withDeployDuration(Duration.ofSeconds(3))
                .withSyncDuration(Duration.ofSeconds(2)));
        pe.putEnvironment(EnvironmentSpec.named("testing").instant());
        pe.putEnvironment(EnvironmentSpec.named("broken")
                .withDeployDuration(Duration.ofSeconds(2))
                .failingWith("Authentication failed for Git remote \"https://git.example.com/control-repo\"."));
    }

    @AfterEach
    void stop() {
        pe.close();
    }

    private PeTestClient.Answer deploy(String body) {
        return client.post(pe.codeManagerUrl(), DEPLOYS, token, body);
    }

    private String statusOf(int id) {
        PeTestClient.Answer answer = client.get(pe.codeManagerUrl(), STATUS + "?id=" + id, token);
        assertThat(answer.status()).isEqualTo(200);
        return answer.json().get("status").textValue();
    }

    @Test
    void aDeployWithoutWaitIsQueuedAndMovesThroughEveryStatus() {
        PeTestClient.Answer answer = deploy("{\"environments\": [\"production\", \"testing\"]}");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode entries = answer.json();
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).get("environment").textValue()).isEqualTo("production");
        assertThat(entries.get(0).get("id").isInt())
                .as("deploy ids are JSON integers")
                .isTrue();
        assertThat(entries.get(0).get("status").textValue()).isEqualTo("new");
        assertThat(entries.get(1).get("status").textValue()).isEqualTo("queued");
        int id = entries.get(0).get("id").intValue();

        List<String> seen = new ArrayList<>();
        for (int second = 0; second <= 8; second++) {
            seen.add(statusOf(id));
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(seen)
                .containsExactly(
                        "new",
                        "queued",
                        "deploying",
                        "deploying",
                        "deploying",
                        "syncing",
                        "syncing",
                        "synced",
                        "synced");
        JsonNode condensed =
                client.get(pe.codeManagerUrl(), STATUS + "?id=" + id, token).json();
        assertThat(condensed.get("environment").textValue()).isEqualTo("production");
        assertThat(condensed.get("queued-at").textValue()).isEqualTo("2024-05-20T16:00:00Z");
    }

    @Test
    void failedDeploysCarryTheDeployFailureError() {
        int id = deploy("{\"environments\": [\"broken\"]}")
                .json()
                .get(0)
                .get("id")
                .intValue();
        assertThat(statusOf(id)).isEqualTo("deploying");
        clock.advance(Duration.ofSeconds(2));
        JsonNode condensed =
                client.get(pe.codeManagerUrl(), STATUS + "?id=" + id, token).json();
        assertThat(condensed.get("status").textValue()).isEqualTo("failed");
        assertThat(condensed.at("/error/kind").textValue()).isEqualTo("puppetlabs.code-manager/deploy-failure");
        assertThat(condensed.at("/error/msg").textValue()).contains("Authentication failed for Git remote");
        assertThat(condensed.at("/error/details/corrected-name").textValue()).isEqualTo("broken");
    }

    @Test
    void waitAnswersWithCompleteAndFailedEntriesOnPartialFailure() throws Exception {
        CompletableFuture<PeTestClient.Answer> answer = CompletableFuture.supplyAsync(
                () -> deploy("{\"environments\": [\"production\", \"nosuchenv\"], \"wait\": true}"));
        // the request waits until the fake clock has passed the longest deploy; its deploys show meanwhile
        while (client.get(pe.codeManagerUrl(), STATUS, token)
                .json()
                .at("/deploys-status/new")
                .isEmpty()) {
            assertThat(answer).isNotDone();
        }
        assertThat(answer).isNotDone();
        clock.advance(Duration.ofSeconds(7));
        JsonNode entries = answer.get().json();
        assertThat(answer.get().status()).isEqualTo(200);
        JsonNode production = entries.get(0);
        assertThat(production.get("status").textValue()).isEqualTo("complete");
        assertThat(production.get("deploy-signature").textValue()).matches("[0-9a-f]{40}");
        assertThat(production.at("/file-sync/environment-commit").textValue()).matches("[0-9a-f]{40}");
        assertThat(production.at("/file-sync/code-commit").textValue()).matches("[0-9a-f]{40}");
        JsonNode unknown = entries.get(1);
        assertThat(unknown.get("environment").textValue()).isEqualTo("nosuchenv");
        assertThat(unknown.get("status").textValue()).isEqualTo("failed");
        assertThat(unknown.at("/error/kind").textValue()).isEqualTo("puppetlabs.code-manager/deploy-failure");
        assertThat(unknown.at("/error/msg").textValue())
                .contains("cannot be found in any source and will not be deployed");
        assertThat(unknown.at("/error/details/corrected-name").textValue()).isEqualTo("nosuchenv");
    }

    @Test
    void waitOnTheRealClockReturnsWhenDone() {
        try (PeSimulator real = PeSimulator.start()) {
            real.addUser("deployer", "s3cret", UserPermissions.deployer());
            real.putEnvironment(EnvironmentSpec.named("production")
                    .withDeployDuration(Duration.ofMillis(300))
                    .withSyncDuration(Duration.ofMillis(100)));
            PeTestClient.Answer answer = new PeTestClient(real)
                    .post(
                            real.codeManagerUrl(),
                            DEPLOYS,
                            real.issueToken("deployer"),
                            "{\"environments\": [\"production\"], \"wait\": true}");
            assertThat(answer.json().get(0).get("status").textValue()).isEqualTo("complete");
        }
    }

    @Test
    void deployAllDeploysEveryKnownEnvironment() {
        JsonNode entries = deploy("{\"deploy-all\": true}").json();
        assertThat(entries)
                .extracting(e -> e.get("environment").textValue())
                .containsExactly("broken", "production", "testing");
    }

    @Test
    void dryRunListsEnvironmentsWithoutDeploying() {
        JsonNode all = deploy("{\"deploy-all\": true, \"dry-run\": true}").json();
        assertThat(all)
                .extracting(e -> e.get("environment").textValue())
                .containsExactly("broken", "production", "testing");
        assertThat(all.get(0).has("id")).isFalse();
        JsonNode some = deploy("{\"environments\": [\"testing\", \"nosuchenv\"], \"dry-run\": true}")
                .json();
        assertThat(some).extracting(e -> e.get("environment").textValue()).containsExactly("testing");
        assertThat(client.get(pe.codeManagerUrl(), STATUS + "?id=1", token).status())
                .as("nothing was deployed")
                .isEqualTo(404);
    }

    @Test
    void listingFailuresAnswerCollectFailedWithStringDetails() {
        pe.failEnvironmentListing("ERROR\t -> Unable to determine current branches for Git source 'puppet'\n");
        for (String body : new String[] {"{\"deploy-all\": true}", "{\"dry-run\": true, \"deploy-all\": true}"}) {
            PeTestClient.Answer answer = deploy(body);
            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.kind()).isEqualTo("puppetlabs.code-manager/collect-failed");
            assertThat(answer.json().get("details").isTextual()).isTrue();
        }
        assertThat(deploy("{\"environments\": [\"testing\"]}").status()).isEqualTo(200);
        pe.failEnvironmentListing(null);
        assertThat(deploy("{\"deploy-all\": true}").status()).isEqualTo(200);
    }

    @Test
    void moduleOptionsAreAcceptedAndTypeChecked() {
        assertThat(deploy("{\"environments\": [\"testing\"], \"deploy-modules\": false, \"modules\": \"apache,ntp\"}")
                        .status())
                .isEqualTo(200);
        assertThat(deploy("{\"environments\": [\"testing\"], \"modules\": [\"apache\", \"ntp\"]}")
                        .status())
                .isEqualTo(200);
        for (String body : new String[] {
            "{\"environments\": \"production\"}",
            "{\"environments\": [1]}",
            "{\"environments\": [\"testing\"], \"wait\": \"yes\"}",
            "{\"environments\": [\"testing\"], \"deploy-modules\": 0}",
            "{\"environments\": [\"testing\"], \"modules\": 5}",
            "{\"environments\": [\"testing\"], \"dry_run\": true}",
            "[\"production\"]"
        }) {
            PeTestClient.Answer answer = deploy(body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.kind()).as(body).isEqualTo("puppetlabs.code-manager/schema-violation");
        }
        PeTestClient.Answer notJson = deploy("{\"environments\": [");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.kind()).isEqualTo("puppetlabs.code-manager/malformed-request");
    }

    @Test
    void anEmptyEnvironmentListDeploysNothing() {
        PeTestClient.Answer answer = deploy("{}");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).isEmpty();
    }

    @Test
    void theStatusOverviewShowsQueueFailuresAndFileSync() {
        deploy("{\"environments\": [\"production\", \"broken\", \"testing\"]}");
        JsonNode overview = client.get(pe.codeManagerUrl(), STATUS, token).json();
        assertThat(overview.at("/deploys-status/new/0/environment").textValue()).isEqualTo("production");
        assertThat(overview.at("/deploys-status/deploying/0/environment").textValue())
                .isEqualTo("broken");
        assertThat(overview.at("/deploys-status/queued")).isEmpty();
        assertThat(overview.at("/file-sync-storage-status/deployed/0/environment")
                        .textValue())
                .isEqualTo("testing");

        clock.advance(Duration.ofSeconds(6));
        overview = client.get(pe.codeManagerUrl(), STATUS, token).json();
        assertThat(overview.at("/deploys-status/failed/0/environment").textValue())
                .isEqualTo("broken");
        assertThat(overview.at("/deploys-status/failed/0/error/kind").textValue())
                .isEqualTo("puppetlabs.code-manager/deploy-failure");
        assertThat(overview.at("/file-sync-client-status/all-synced").booleanValue())
                .as("production is syncing")
                .isFalse();
        clock.advance(Duration.ofSeconds(1));
        overview = client.get(pe.codeManagerUrl(), STATUS, token).json();
        assertThat(overview.at("/file-sync-client-status/all-synced").booleanValue())
                .isTrue();
        JsonNode live = overview.at("/file-sync-client-status/file-sync-clients/localhost/deployed");
        assertThat(live).extracting(e -> e.get("environment").textValue()).containsExactly("production", "testing");
        assertThat(live.get(0).get("deploy-signature").textValue()).matches("[0-9a-f]{40}");
    }

    @Test
    void theListingCanBeForbiddenWhileSingleDeploysStayReadable() {
        int id = deploy("{\"environments\": [\"production\"]}")
                .json()
                .get(0)
                .get("id")
                .intValue();
        pe.deployStatusListForbidden(true);

        PeTestClient.Answer listing = client.get(pe.codeManagerUrl(), STATUS, token);
        assertThat(listing.status()).isEqualTo(403);
        assertThat(listing.kind()).isEqualTo("puppetlabs.rbac/permission-denied");
        assertThat(statusOf(id)).isEqualTo("new");
        pe.deployStatusListForbidden(false);
        assertThat(client.get(pe.codeManagerUrl(), STATUS, token).status()).isEqualTo(200);
    }

    @Test
    void olderReleasesListDeploysWithoutIds() {
        deploy("{\"environments\": [\"production\", \"broken\"]}");
        pe.deployStatusListsWithoutIds(true);
        clock.advance(Duration.ofSeconds(2));

        JsonNode overview = client.get(pe.codeManagerUrl(), STATUS, token).json();
        JsonNode queued = overview.at("/deploys-status/deploying/0");
        JsonNode failed = overview.at("/deploys-status/failed/0");
        assertThat(queued.get("environment").textValue()).isEqualTo("production");
        assertThat(queued.has("id")).isFalse();
        assertThat(queued.get("queued-at").textValue()).isEqualTo("2024-05-20T16:00:00Z");
        assertThat(failed.get("environment").textValue()).isEqualTo("broken");
        assertThat(failed.has("id")).isFalse();
        assertThat(failed.at("/error/kind").textValue()).isEqualTo("puppetlabs.code-manager/deploy-failure");
        assertThat(statusOf(1)).as("single deploys are still read by id").isEqualTo("deploying");
    }

    @Test
    void theWholeStatusCanLeaveOutTheQueue() {
        deploy("{\"environments\": [\"testing\"]}");
        pe.deployStatusListsNoQueue(true);

        JsonNode overview = client.get(pe.codeManagerUrl(), STATUS, token).json();
        assertThat(overview.has("deploys-status")).isFalse();
        assertThat(overview.at("/file-sync-storage-status/deployed/0/environment")
                        .textValue())
                .isEqualTo("testing");
    }

    @Test
    void statusIdsAreCheckedAndExpireAfterTheDeployTtl() {
        int id = deploy("{\"environments\": [\"testing\"]}")
                .json()
                .get(0)
                .get("id")
                .intValue();
        assertThat(statusOf(id)).isEqualTo("synced");
        PeTestClient.Answer notInteger = client.get(pe.codeManagerUrl(), STATUS + "?id=abc", token);
        assertThat(notInteger.status()).isEqualTo(400);
        clock.advance(Duration.ofHours(1));
        PeTestClient.Answer gone = client.get(pe.codeManagerUrl(), STATUS + "?id=" + id, token);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.kind()).isEqualTo("puppetlabs.code-manager/not-found");
    }

    @Test
    void aRemovedEnvironmentFailsLikeADeletedBranch() {
        pe.removeEnvironment("testing");
        int id = deploy("{\"environments\": [\"testing\"]}")
                .json()
                .get(0)
                .get("id")
                .intValue();
        clock.advance(Duration.ofSeconds(10));
        JsonNode condensed =
                client.get(pe.codeManagerUrl(), STATUS + "?id=" + id, token).json();
        assertThat(condensed.get("status").textValue()).isEqualTo("failed");
        assertThat(condensed.at("/error/msg").textValue()).contains("cannot be found in any source");
    }
}
