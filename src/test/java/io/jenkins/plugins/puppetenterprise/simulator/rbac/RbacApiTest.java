package io.jenkins.plugins.puppetenterprise.simulator.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.PeTestClient;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RBAC (pe-api.md section 2): login, minting, token checks and revocation, with their error kinds. */
class RbacApiTest {
    private static final String LOGIN = "/rbac-api/v1/auth/token";
    private static final String AUTHENTICATE = "/rbac-api/v2/auth/token/authenticate";

    private final FakeClock clock = new FakeClock();
    private PeSimulator pe;
    private PeTestClient client;

    @BeforeEach
    void start() {
        pe = PeSimulator.start(clock);
        pe.addUser("deployer", "s3cret", UserPermissions.deployer());
        pe.addUser("admin", "admin-pw", UserPermissions.all());
        client = new PeTestClient(pe);
    }

    @AfterEach
    void stop() {
        pe.close();
    }

    private PeTestClient.Answer login(String body) {
        return client.post(pe.rbacUrl(), LOGIN, null, body);
    }

    private JsonNode inspect(String token) {
        PeTestClient.Answer answer = client.post(
                pe.rbacUrl(), AUTHENTICATE, null, "{\"token\": \"" + token + "\", \"update_last_activity?\": false}");
        assertThat(answer.status()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void loginIssuesATokenWithTheDefaultLifetimeOfOneHour() {
        PeTestClient.Answer answer = login("{\"login\": \"deployer\", \"password\": \"s3cret\"}");
        assertThat(answer.status()).isEqualTo(200);
        String token = answer.json().get("token").textValue();
        assertThat(token).hasSizeGreaterThan(40).matches("[A-Za-z0-9_-]+");

        JsonNode details = inspect(token);
        assertThat(details.get("login").textValue()).isEqualTo("deployer");
        assertThat(details.get("user_id").textValue())
                .isEqualTo(details.get("id").textValue());
        assertThat(details.get("is_revoked").booleanValue()).isFalse();
        assertThat(Instant.parse(details.get("expiration").textValue()))
                .isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        assertThat(details.has("role_ids")).isTrue();
    }

    @Test
    void lifetimeLabelDescriptionAndClientAreKept() {
        String token = login(
                        "{\"login\": \"deployer\", \"password\": \"s3cret\", \"lifetime\": \"4h\","
                                + " \"label\": \"  jenkins-build-1234 \", \"description\": \"build\", \"client\": \"Jenkins PE plugin\"}")
                .json()
                .get("token")
                .textValue();
        JsonNode details = inspect(token);
        assertThat(Instant.parse(details.get("expiration").textValue()))
                .isEqualTo(clock.instant().plus(Duration.ofHours(4)));
        assertThat(details.get("label").textValue()).isEqualTo("jenkins-build-1234");
        assertThat(details.get("description").textValue()).isEqualTo("build");
        assertThat(details.get("client").textValue()).isEqualTo("Jenkins PE plugin");
    }

    @Test
    void lifetimeUnitsAndZeroMeaningTheMaximum() {
        assertThat(expirationAfter("\"30m\"")).isEqualTo(Duration.ofMinutes(30));
        assertThat(expirationAfter("\"90\"")).isEqualTo(Duration.ofSeconds(90));
        assertThat(expirationAfter("\"2d\"")).isEqualTo(Duration.ofDays(2));
        assertThat(expirationAfter("\"1y\"")).isEqualTo(Duration.ofDays(365));
        assertThat(expirationAfter("\"0\"")).isEqualTo(Duration.ofDays(3650));
    }

    private Duration expirationAfter(String lifetime) {
        String token = login("{\"login\": \"deployer\", \"password\": \"s3cret\", \"lifetime\": " + lifetime + "}")
                .json()
                .get("token")
                .textValue();
        return Duration.between(
                clock.instant(), Instant.parse(inspect(token).get("expiration").textValue()));
    }

    @Test
    void aDuplicateLabelIsRefusedWithConflict() {
        String body = "{\"login\": \"deployer\", \"password\": \"s3cret\", \"label\": \"build-7\"}";
        assertThat(login(body).status()).isEqualTo(200);
        PeTestClient.Answer again = login(body);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.kind()).isEqualTo("puppetlabs.rbac/conflict");
        // another user may use the same label
        assertThat(login("{\"login\": \"admin\", \"password\": \"admin-pw\", \"label\": \"build-7\"}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void wrongCredentialsAndRevokedUsersAreUnauthenticated() {
        PeTestClient.Answer wrong = login("{\"login\": \"deployer\", \"password\": \"nope\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.kind()).isEqualTo("puppetlabs.rbac/user-unauthenticated");
        PeTestClient.Answer nobody = login("{\"login\": \"nobody\", \"password\": \"s3cret\"}");
        assertThat(nobody.status()).isEqualTo(401);
        assertThat(nobody.kind()).isEqualTo("puppetlabs.rbac/user-unauthenticated");

        pe.setUserRevoked("deployer", true);
        PeTestClient.Answer revoked = login("{\"login\": \"deployer\", \"password\": \"s3cret\"}");
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.kind()).isEqualTo("puppetlabs.rbac/user-revoked");
    }

    @Test
    void malformedAndWrongShapedBodiesAreBadRequests() {
        PeTestClient.Answer notJson = login("{\"login\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.kind()).isEqualTo("puppetlabs.rbac/malformed-request");
        assertThat(notJson.json().at("/details/error").isTextual()).isTrue();

        for (String body : new String[] {
            "[]",
            "{\"login\": \"deployer\"}",
            "{\"login\": \"deployer\", \"password\": 7}",
            "{\"login\": \"deployer\", \"password\": \"s3cret\", \"lifetime\": \"4 h\"}",
            "{\"login\": \"deployer\", \"password\": \"s3cret\", \"lifetime\": \"11y\"}",
            "{\"login\": \"deployer\", \"password\": \"s3cret\", \"lifetime\": 60}",
            "{\"login\": \"deployer\", \"password\": \"s3cret\", \"label\": \"a,b\"}",
            "{\"login\": \"deployer\", \"password\": \"s3cret\", \"label\": \"   \"}",
            "{\"login\": \"deployer\", \"password\": \"s3cret\", \"label\": \"" + "x".repeat(201) + "\"}"
        }) {
            PeTestClient.Answer answer = login(body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.kind()).as(body).isEqualTo("puppetlabs.rbac/schema-violation");
            assertThat(answer.json().at("/details/error").textValue()).as(body).isNotBlank();
            assertThat(answer.body()).as("the password is not echoed").doesNotContain("s3cret");
        }
    }

    @Test
    void aLoggedInUserMintsMoreTokens() {
        String token = pe.issueToken("deployer");
        PeTestClient.Answer minted = client.post(
                pe.rbacUrl(), "/rbac-api/v1/tokens", token, "{\"lifetime\": \"10m\", \"label\": \"minted\"}");
        assertThat(minted.status()).isEqualTo(200);
        JsonNode details = inspect(minted.json().get("token").textValue());
        assertThat(details.get("label").textValue()).isEqualTo("minted");
        assertThat(details.get("login").textValue()).isEqualTo("deployer");

        PeTestClient.Answer anonymous = client.post(pe.rbacUrl(), "/rbac-api/v1/tokens", null, "{}");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.kind()).isEqualTo("puppetlabs.rbac/user-unauthenticated");
    }

    @Test
    void authenticateReportsInvalidExpiredAndRevokedTokens() {
        PeTestClient.Answer invalid = client.post(pe.rbacUrl(), AUTHENTICATE, null, "{\"token\": \"made-up\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.kind()).isEqualTo("puppetlabs.rbac/invalid-token");

        String shortLived = pe.issueToken("deployer", Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(5));
        PeTestClient.Answer expired =
                client.post(pe.rbacUrl(), AUTHENTICATE, null, "{\"token\": \"" + shortLived + "\"}");
        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.kind()).isEqualTo("puppetlabs.rbac/token-expired");

        String revokedToken = pe.issueToken("deployer");
        pe.revokeToken(revokedToken);
        PeTestClient.Answer revoked =
                client.post(pe.rbacUrl(), AUTHENTICATE, null, "{\"token\": \"" + revokedToken + "\"}");
        assertThat(revoked.status()).isEqualTo(403);
        assertThat(revoked.kind()).isEqualTo("puppetlabs.rbac/token-revoked");

        PeTestClient.Answer missing = client.post(pe.rbacUrl(), AUTHENTICATE, null, "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.kind()).isEqualTo("puppetlabs.rbac/schema-violation");
    }

    @Test
    void revokingByTokenIsIdempotentAndEndsTheToken() {
        String caller = pe.issueToken("deployer");
        String victim = pe.issueToken("deployer");
        PeTestClient.Answer first = client.delete(pe.rbacUrl(), "/rbac-api/v2/tokens?revoke_tokens=" + victim, caller);
        assertThat(first.status()).isEqualTo(204);
        assertThat(pe.isTokenUsable(victim)).isFalse();
        assertThat(client.delete(pe.rbacUrl(), "/rbac-api/v2/tokens?revoke_tokens=" + victim, caller)
                        .status())
                .isEqualTo(204);
        assertThat(pe.isTokenUsable(caller)).isTrue();

        // a token may revoke itself, as a build does when it is done
        assertThat(client.delete(
                                pe.rbacUrl(),
                                "/rbac-api/v2/tokens",
                                caller,
                                "{\"revoke_tokens\": [\"" + caller + "\"]}")
                        .status())
                .isEqualTo(204);
        assertThat(pe.isTokenUsable(caller)).isFalse();
    }

    @Test
    void revokingByLabelTouchesOnlyTheCallersTokens() {
        String mine = pe.issueToken("deployer", Duration.ofHours(1), "build-9");
        String theirs = pe.issueToken("admin", Duration.ofHours(1), "build-9");
        String caller = pe.issueToken("deployer");
        assertThat(client.delete(pe.rbacUrl(), "/rbac-api/v2/tokens?revoke_tokens_by_labels=build-9", caller)
                        .status())
                .isEqualTo(204);
        assertThat(pe.isTokenUsable(mine)).isFalse();
        assertThat(pe.isTokenUsable(theirs)).isTrue();
    }

    @Test
    void revokingOtherUsersNeedsAdministrationAndReportsPartialFailure() {
        String adminsToken = pe.issueToken("admin");
        String deployers = pe.issueToken("deployer");

        PeTestClient.Answer denied =
                client.delete(pe.rbacUrl(), "/rbac-api/v2/tokens?revoke_tokens_by_usernames=admin", deployers);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.kind()).isEqualTo("puppetlabs.rbac/permission-denied");
        assertThat(denied.json().at("/details/permission_denied_usernames/0").textValue())
                .isEqualTo("admin");
        assertThat(denied.json().get("msg").textValue()).endsWith("No tokens were revoked.");
        assertThat(pe.isTokenUsable(adminsToken)).isTrue();

        PeTestClient.Answer partial = client.delete(
                pe.rbacUrl(), "/rbac-api/v2/tokens?revoke_tokens_by_usernames=deployer,FormerEmployee", adminsToken);
        assertThat(partial.status()).isEqualTo(400);
        assertThat(partial.kind()).isEqualTo("puppetlabs.rbac/malformed-request");
        JsonNode details = partial.json().get("details");
        assertThat(details.at("/nonexistent_usernames/0").textValue()).isEqualTo("FormerEmployee");
        assertThat(details.get("other_tokens_revoked").booleanValue()).isTrue();
        assertThat(partial.json().get("msg").textValue()).endsWith("All other tokens were successfully revoked.");
        assertThat(pe.isTokenUsable(deployers)).isFalse();
    }

    @Test
    void revokingByUserIdAndUnknownParameters() {
        String caller = pe.issueToken("admin");
        String victim = pe.issueToken("deployer");
        String userId = inspect(victim).get("user_id").textValue();
        assertThat(client.delete(pe.rbacUrl(), "/rbac-api/v2/tokens?revoke_tokens_by_ids=" + userId, caller)
                        .status())
                .isEqualTo(204);
        assertThat(pe.isTokenUsable(victim)).isFalse();

        PeTestClient.Answer unknown = client.delete(pe.rbacUrl(), "/rbac-api/v2/tokens?revoke_everything=yes", caller);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/details/unrecognized_parameters/0").textValue())
                .isEqualTo("revoke_everything");

        PeTestClient.Answer nothing = client.delete(pe.rbacUrl(), "/rbac-api/v2/tokens", caller);
        assertThat(nothing.status()).isEqualTo(400);
        assertThat(nothing.kind()).isEqualTo("puppetlabs.rbac/malformed-request");
    }

    @Test
    void revokingOneTokenByPathIsForAdministrators() {
        String victim = pe.issueToken("deployer");
        PeTestClient.Answer denied =
                client.delete(pe.rbacUrl(), "/rbac-api/v2/tokens/" + victim, pe.issueToken("deployer"));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.kind()).isEqualTo("puppetlabs.rbac/permission-denied");
        assertThat(pe.isTokenUsable(victim)).isTrue();

        assertThat(client.delete(pe.rbacUrl(), "/rbac-api/v2/tokens/" + victim, pe.issueToken("admin"))
                        .status())
                .isEqualTo(204);
        assertThat(pe.isTokenUsable(victim)).isFalse();
    }
}
