package io.jenkins.plugins.puppetenterprise.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PeErrorTranslatorTest {
    private static final String TOKEN = "0QX-WR3kgP0R9C2dA0I2nfnp0QgAT95_xH3iylBhqroA";
    private static final PeServiceUrls URLS = PeServiceUrls.of("pe.example.com", null, null, null, null);

    private static PeRequest request(PeRequest.Repeat repeat) {
        return new PeRequest(
                PeService.ORCHESTRATOR,
                "POST",
                "/orchestrator/v1/command/plan_run",
                Map.of(),
                null,
                PeSecret.of(TOKEN),
                Duration.ofSeconds(30),
                repeat,
                "run plan 'canary'",
                "Plans » Run plans for 'canary'",
                "the plan jobs list");
    }

    private static String errorBody(String kind, int status) {
        return errorBody("puppetlabs.x", kind);
    }

    private static String errorBody(String namespace, String kind) {
        return "{\"kind\":\"" + namespace + "/" + kind + "\",\"msg\":\"PE message for " + kind + "\"}";
    }

    private static String namespaceOf(PeErrorKind kind) {
        return kind.namespace() == null ? "puppetlabs.x" : kind.namespace();
    }

    @ParameterizedTest
    @EnumSource(PeErrorKind.class)
    void everyKnownKindBecomesItsExceptionWithMeaningAndFix(PeErrorKind kind) {
        int status =
                switch (kind.category()) {
                    case PERMISSION -> 403;
                    case NOT_FOUND -> 404;
                    case TRANSIENT, SERVER, RESULT -> 500;
                    default -> 400;
                };
        PeApiException e = PeErrorTranslator.fromResponse(
                request(PeRequest.Repeat.SAFE),
                status,
                errorBody(namespaceOf(kind), kind.names().get(0)),
                List.of());

        Class<? extends PeApiException> expected =
                switch (kind.category()) {
                    case CREDENTIALS -> PeCredentialsException.class;
                    case PERMISSION -> PePermissionException.class;
                    case NOT_FOUND -> PeNotFoundException.class;
                    case BAD_REQUEST -> PeBadRequestException.class;
                    case TRANSIENT -> PeTransientException.class;
                    case SERVER, RESULT -> PeServerException.class;
                };
        assertThat(e).isExactlyInstanceOf(expected);
        assertThat(e.getMessage())
                .startsWith("Could not run plan 'canary': ")
                .contains(kind.meaning())
                .contains("PE message for " + kind.names().get(0))
                .contains("HTTP " + status)
                .endsWith("Fix: " + kind.fix());
        assertThat(e.kind()).isEqualTo(namespaceOf(kind) + "/" + kind.names().get(0));
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.fix()).isEqualTo(kind.fix());
    }

    @Test
    void aKindAboutOneServiceIsNotReadInAnotherServicesNamespace() {
        assertThat(PeErrorKind.of("puppetlabs.orchestrator/unknown-error")).isEqualTo(PeErrorKind.UNKNOWN_ERROR);
        assertThat(PeErrorKind.of("unknown-error")).isEqualTo(PeErrorKind.UNKNOWN_ERROR);
        assertThat(PeErrorKind.of("puppetlabs.code-manager/unknown-error")).isNull();
        assertThat(PeErrorKind.of("puppetlabs.code-manager/server-error")).isNull();
        assertThat(PeErrorKind.of("puppetlabs.code-manager/deploy-failure")).isEqualTo(PeErrorKind.DEPLOY_FAILURE);

        PeRequest deployStatus = new PeRequest(
                PeService.CODE_MANAGER,
                "GET",
                "/code-manager/v1/deploys/status",
                Map.of(),
                null,
                PeSecret.of(TOKEN),
                Duration.ofSeconds(30),
                PeRequest.Repeat.SAFE,
                "read the deploy status",
                null,
                null);
        PeApiException e = PeErrorTranslator.fromResponse(
                deployStatus, 500, errorBody("puppetlabs.code-manager", "unknown-error"), List.of());

        assertThat(e).isInstanceOf(PeServerException.class);
        assertThat(e.getMessage())
                .contains("Code Manager failed with a server error")
                .contains("Check the Code Manager log")
                .doesNotContain("orchestrator");
    }

    @Test
    void notPermittedNamesThePermissionTheUserNeeds() {
        PeApiException e = PeErrorTranslator.fromResponse(
                request(PeRequest.Repeat.NEVER),
                403,
                "{\"kind\":\"puppetlabs.orchestrator/not-permitted\",\"msg\":\"nope\"}",
                List.of());

        assertThat(e).isInstanceOf(PePermissionException.class);
        assertThat(e.getMessage()).contains("It needs the permission: Plans » Run plans for 'canary'.");
    }

    @Test
    void any401IsACredentialsProblemWhateverTheBody() {
        assertThat(PeErrorTranslator.fromResponse(request(PeRequest.Repeat.SAFE), 401, "Unauthorized", List.of()))
                .isInstanceOf(PeCredentialsException.class)
                .hasMessageContaining("\"Unauthorized\"");
        assertThat(PeErrorTranslator.fromResponse(
                        request(PeRequest.Repeat.SAFE),
                        401,
                        "{\"kind\":\"puppetlabs.x/something-new\",\"msg\":\"m\"}",
                        List.of()))
                .isInstanceOf(PeCredentialsException.class);
    }

    @Test
    void gatewayStatusesAreTransientEvenWithAServerKind() {
        PeApiException e = PeErrorTranslator.fromResponse(
                request(PeRequest.Repeat.SAFE),
                503,
                "{\"kind\":\"puppetlabs.orchestrator/unknown-error\",\"msg\":\"starting\"}",
                List.of());

        assertThat(e).isInstanceOf(PeTransientException.class);
    }

    @Test
    void htmlFromAProxyIsReportedByStatusAndAShortCleanExcerpt() {
        String html = "<html><head><title>502 Bad Gateway</title></head><body>\u0007<h1>502 Bad Gateway</h1>"
                + "x".repeat(2000) + "</body></html>";

        PeApiException e = PeErrorTranslator.fromResponse(request(PeRequest.Repeat.SAFE), 502, html, List.of());

        assertThat(e).isInstanceOf(PeTransientException.class);
        assertThat(e.getMessage())
                .contains("HTTP 502")
                .contains("\"502 Bad Gateway 502 Bad Gateway xxx")
                .doesNotContain("<")
                .doesNotContain("\u0007");
        assertThat(e.peMessage()).hasSizeLessThanOrEqualTo(BodyExcerpt.MAX_LENGTH + 1);
        assertThat(e.kind()).isNull();
    }

    @Test
    void emptyAndNonObjectBodiesNeverFailToParse() {
        assertThat(PeErrorTranslator.fromResponse(request(PeRequest.Repeat.SAFE), 500, "", List.of()))
                .isInstanceOf(PeServerException.class)
                .hasMessageContaining("(empty body)");
        assertThat(PeErrorTranslator.fromResponse(request(PeRequest.Repeat.SAFE), 400, "[1,2]", List.of()))
                .isInstanceOf(PeBadRequestException.class)
                .hasMessageContaining("[1,2]");
        assertThat(PeErrorTranslator.fromResponse(request(PeRequest.Repeat.SAFE), 404, "null", List.of()))
                .isInstanceOf(PeNotFoundException.class);
        assertThat(PeErrorTranslator.fromResponse(request(PeRequest.Repeat.SAFE), 302, "moved", List.of()))
                .isInstanceOf(PeUnexpectedResponseException.class)
                .hasMessageContaining("HTTP 302");
    }

    @Test
    void secretsNeverReachMessageOrDetails() {
        String body = "{\"kind\":\"puppetlabs.rbac/schema-violation\",\"msg\":\"bad token " + TOKEN
                + "\",\"details\":{\"submitted\":{\"login\":\"bob\",\"password\":\"hunter22\"},\"note\":\"" + TOKEN
                + "\"}}";

        PeApiException e = PeErrorTranslator.fromResponse(request(PeRequest.Repeat.SAFE), 400, body, List.of(TOKEN));

        assertThat(e.getMessage()).doesNotContain(TOKEN).contains("bad token ****");
        assertThat(e.peMessage()).doesNotContain(TOKEN);
        assertThat(e.details().toString())
                .doesNotContain(TOKEN)
                .doesNotContain("hunter22")
                .contains("\"login\":\"bob\"");
    }

    @Test
    void secretLookingFieldsAreMaskedInNonJsonBodiesToo() {
        String excerpt = BodyExcerpt.of("error: password=hunter22 token: abcdef&x=1", List.of());

        assertThat(excerpt).doesNotContain("hunter22").doesNotContain("abcdef").contains("password=****");
    }

    @Test
    void anErrorObjectWhereAListBelongsIsAnError() {
        JsonNode json = PeErrorTranslator.parseOrNull(
                "{\"kind\":\"puppetlabs.code-manager/collect-failed\",\"msg\":\"cannot list\",\"details\":\"git says no\"}");

        PeApiException e = PeErrorTranslator.unexpectedShape(
                request(PeRequest.Repeat.SAFE), 200, json, "a list of deploys", List.of());

        assertThat(e).isInstanceOf(PeServerException.class).hasMessageContaining(PeErrorKind.COLLECT_FAILED.meaning());
        assertThat(e.details().asText()).isEqualTo("git says no");
    }

    @Test
    void aCollectFailedAnswerShowsTheCauseFromItsStringDetailsWithoutUrlUserInformation() throws Exception {
        String body = LenientJson.MAPPER.writeValueAsString(Map.of(
                "kind",
                "puppetlabs.code-manager/collect-failed",
                "msg",
                "Errors while collecting a list of environments to deploy (exit code: 1)",
                "details",
                EssentialLineTest.R10K_OUTPUT));

        PeApiException e = PeErrorTranslator.fromResponse(request(PeRequest.Repeat.UNSENT_ONLY), 500, body, List.of());

        assertThat(e)
                .isInstanceOf(PeServerException.class)
                .hasMessageContaining("(exit code: 1)")
                .hasMessageContaining(
                        "with the cause: \"Authentication failed for Git remote \"https://git.example.com/control-repo\".\"")
                .hasMessageNotContaining("glpat-canary9f3e");
        assertThat(EssentialLine.of(e))
                .isEqualTo("Authentication failed for Git remote \"https://git.example.com/control-repo\".");
        assertThat(e.details().asText()).doesNotContain("glpat-canary9f3e");
    }

    @Test
    void jsonOfTheWrongShapeIsUnexpected() {
        PeApiException e = PeErrorTranslator.unexpectedShape(
                request(PeRequest.Repeat.SAFE), 200, PeErrorTranslator.parseOrNull("{\"foo\":1}"), "a list", List.of());

        assertThat(e).isInstanceOf(PeUnexpectedResponseException.class).hasMessageContaining("{\"foo\":1}");
    }

    @Test
    void transportFailuresAreClassifiedByHowFarTheRequestGot() {
        assertThat(PeErrorTranslator.progressOf(new ConnectException("Connection refused")))
                .isEqualTo(PeErrorTranslator.Progress.NOT_SENT);
        assertThat(PeErrorTranslator.progressOf(new HttpConnectTimeoutException("connect timed out")))
                .isEqualTo(PeErrorTranslator.Progress.NOT_SENT);
        assertThat(PeErrorTranslator.progressOf(new HttpTimeoutException("request timed out")))
                .isEqualTo(PeErrorTranslator.Progress.MAYBE_SENT);
        assertThat(PeErrorTranslator.progressOf(new java.io.IOException("Connection reset")))
                .isEqualTo(PeErrorTranslator.Progress.MAYBE_SENT);
        assertThat(PeErrorTranslator.progressOf(new ConnectException("x") {
                    {
                        initCause(new SSLHandshakeException("PKIX path building failed"));
                    }
                }))
                .isEqualTo(PeErrorTranslator.Progress.TLS);
    }

    @Test
    void aPlanRunThatMayHaveBeenSentIsAnUnknownOutcomeSayingWhereToCheck() {
        PeApiException e = PeErrorTranslator.fromFailure(
                request(PeRequest.Repeat.NEVER), URLS, new java.io.IOException("Connection reset"), 1);

        assertThat(e).isInstanceOf(PeUnknownOutcomeException.class);
        assertThat(e.getMessage())
                .contains("unknown whether PE started it")
                .contains("not sent again")
                .contains("the plan jobs list");
        assertThat(((PeUnknownOutcomeException) e).howToCheck()).isEqualTo("the plan jobs list");
    }

    @Test
    void aPlanRunThatCouldNotConnectSaysNothingStarted() {
        PeApiException e = PeErrorTranslator.fromFailure(
                request(PeRequest.Repeat.NEVER), URLS, new ConnectException("Connection refused"), 1);

        assertThat(e).isInstanceOf(PeTransientException.class);
        assertThat(e.getMessage())
                .contains("cannot connect to Orchestrator at https://pe.example.com:8143")
                .contains("Nothing was started on PE");
    }

    @Test
    void tlsFailuresNameTheLikelyFix() {
        PeApiException untrusted = PeErrorTranslator.fromFailure(
                request(PeRequest.Repeat.SAFE),
                URLS,
                new SSLHandshakeException("PKIX path building failed: unable to find valid certification path"),
                1);
        PeApiException wrongName = PeErrorTranslator.fromFailure(
                request(PeRequest.Repeat.SAFE),
                URLS,
                new SSLHandshakeException("No subject alternative DNS name matching pe found."),
                1);

        assertThat(untrusted)
                .isInstanceOf(PeTlsException.class)
                .hasMessageContaining("not signed by the configured CA");
        assertThat(wrongName)
                .isInstanceOf(PeTlsException.class)
                .hasMessageContaining("does not carry the host name")
                .hasMessageContaining("dns_alt_names");
    }
}
