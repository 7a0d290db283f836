package io.jenkins.plugins.puppetenterprise.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns PE's answers and transport failures into the exception hierarchy, with a sentence a user
 * can act on (pe-api.md section 7: parse defensively, classify by kind, then by status).
 */
public final class PeErrorTranslator {
    private PeErrorTranslator() {}

    /** How far a failed exchange got, which decides whether it may be repeated. */
    enum Progress {
        /** No connection was made: the request certainly did not arrive. */
        NOT_SENT,
        /** The request may have arrived: timeout, reset or close after it was written. */
        MAYBE_SENT,
        /** TLS refused the server: not repeated, fix the configuration. */
        TLS,
        /** PE answered. */
        ANSWERED
    }

    static Progress progressOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException || t instanceof java.security.cert.CertificateException) {
                return Progress.TLS;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException
                    || t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof UnresolvedAddressException) {
                return Progress.NOT_SENT;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return Progress.TLS;
            }
        }
        return Progress.MAYBE_SENT;
    }

    /** A transport failure (no HTTP answer) after the last permitted attempt. */
    static PeApiException fromFailure(PeRequest request, PeServiceUrls urls, Throwable failure, int attempts) {
        String where =
                request.service().displayName() + " at " + request.service().baseUrl(urls);
        String tried = attempts > 1 ? " (" + attempts + " attempts)" : "";
        return switch (progressOf(failure)) {
            case TLS -> tlsFailure(request, where, failure);
            case NOT_SENT -> {
                String fix =
                        failure instanceof UnknownHostException || hasCause(failure, UnresolvedAddressException.class)
                                ? "Check the host name in the PE installation settings; this machine cannot resolve it."
                                : "Check the host name and port in the PE installation settings, that the service is running,"
                                        + " and that no firewall or proxy blocks the port.";
                String notStarted =
                        request.repeat() == PeRequest.Repeat.NEVER || request.repeat() == PeRequest.Repeat.UNSENT_ONLY
                                ? " Nothing was started on PE."
                                : "";
                yield new PeTransientException(
                        "Could not " + request.action() + ": cannot connect to " + where + tried + " ("
                                + reason(failure) + ")." + notStarted + " Fix: " + fix,
                        0,
                        null,
                        null,
                        null,
                        fix,
                        failure);
            }
            case MAYBE_SENT, ANSWERED -> {
                String what = hasCause(failure, HttpTimeoutException.class)
                        ? "no answer within " + request.timeout().toSeconds() + " s"
                        : "the connection was closed before an answer arrived (" + reason(failure) + ")";
                if (request.repeat() == PeRequest.Repeat.NEVER || request.repeat() == PeRequest.Repeat.UNSENT_ONLY) {
                    yield unknownOutcome(request, where, what, 0, failure);
                }
                String fix = "Check that " + request.service().displayName()
                        + " is healthy and that proxies allow long enough requests; then run the build again.";
                yield new PeTransientException(
                        "Could not " + request.action() + ": " + where + " gave " + what + tried + ". Fix: " + fix,
                        0,
                        null,
                        null,
                        null,
                        fix,
                        failure);
            }
        };
    }

    /**
     * A 2xx answer that could not be read. PE accepted the request, so for one that is never
     * repeated (a plan run, a deploy) the work may be running: its outcome is unknown, never a
     * failure that invites a second run. Other requests keep the {@code unreadable} error.
     */
    public static PeApiException unreadableAcceptance(
            PeRequest request, PeServiceUrls urls, int status, PeApiException unreadable) {
        boolean oneShot =
                request.repeat() == PeRequest.Repeat.NEVER || request.repeat() == PeRequest.Repeat.UNSENT_ONLY;
        if (!oneShot || !(unreadable instanceof PeUnexpectedResponseException)) {
            return unreadable;
        }
        return unknownOutcome(
                request,
                request.service().displayName() + " at " + request.service().baseUrl(urls),
                "its HTTP " + status + " answer could not be read (\"" + unreadable.peMessage() + "\")",
                status,
                unreadable);
    }

    /**
     * An answer larger than the client reads. For a request that is never repeated PE may have
     * done the work, so its outcome is unknown; any other request fails with the limit in words.
     */
    static PeApiException tooLarge(PeRequest request, PeServiceUrls urls, BoundedBody.TooLarge answer) {
        String where =
                request.service().displayName() + " at " + request.service().baseUrl(urls);
        String limit = megabytes(answer.limit);
        String fix = "If answers this large are expected, raise the installation setting "
                + PeAnswerTooLargeException.SETTING + "; otherwise check that the "
                + request.service().displayName()
                + " URL points at PE and not at a proxy.";
        PeAnswerTooLargeException tooLarge = new PeAnswerTooLargeException(
                "Could not " + request.action() + ": " + where + " answered HTTP " + answer.status + " with more than "
                        + limit + ", the most the plugin reads of one answer (installation setting "
                        + PeAnswerTooLargeException.SETTING + "); the rest was not read. Fix: " + fix,
                answer.status,
                fix,
                answer.limit);
        if (request.repeat() == PeRequest.Repeat.NEVER || request.repeat() == PeRequest.Repeat.UNSENT_ONLY) {
            return unknownOutcome(
                    request,
                    where,
                    "its HTTP " + answer.status + " answer was larger than " + limit + " (installation setting "
                            + PeAnswerTooLargeException.SETTING + ") and was not read",
                    answer.status,
                    tooLarge);
        }
        return tooLarge;
    }

    /** A byte count in megabytes (MiB, as the setting counts them), in words. */
    public static String megabytes(long bytes) {
        long mb = bytes / (1024 * 1024);
        return bytes % (1024 * 1024) == 0 ? mb + " MB" : bytes + " bytes";
    }

    static PeUnknownOutcomeException unknownOutcome(
            PeRequest request, String where, String what, int status, Throwable cause) {
        return new PeUnknownOutcomeException(
                "The request to " + request.action() + " was sent to " + where + ", but " + what
                        + ", so it is unknown whether PE started it. It was not sent again, to avoid running it"
                        + " twice. Check in PE: " + request.howToCheck(),
                status,
                request.howToCheck(),
                cause);
    }

    private static PeTlsException tlsFailure(PeRequest request, String where, Throwable failure) {
        String detail = reason(failure);
        StringBuilder chain = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            chain.append(' ').append(t.getMessage());
        }
        String lower = chain.toString().toLowerCase(Locale.ROOT);
        String problem;
        String fix;
        if (lower.contains("subject alternative") || lower.contains("no name matching") || lower.contains("hostname")) {
            problem = "the server's certificate does not carry the host name used to connect";
            fix = "Connect with a name in the certificate (the primary's certname or one of its dns_alt_names),"
                    + " not an IP address or an alias.";
        } else if (lower.contains("pkix")
                || lower.contains("certification path")
                || lower.contains("signature check failed")
                || lower.contains("trust")) {
            problem = "the server's certificate is not signed by the configured CA bundle";
            fix = "Paste the CA bundle of this PE installation (/etc/puppetlabs/puppet/ssl/certs/ca.pem on the"
                    + " primary) into the PE installation settings; if a proxy or load balancer re-signs"
                    + " TLS, paste its CA instead.";
        } else {
            problem = "the TLS handshake failed";
            fix = "Check that the URL points at the PE service (https) and not at a plain-HTTP port or a proxy"
                    + " that breaks TLS.";
        }
        return new PeTlsException(
                "Could not " + request.action() + ": TLS to " + where + " failed: " + problem + " (" + detail
                        + "). Fix: " + fix,
                0,
                null,
                null,
                null,
                fix,
                failure);
    }

    /** PE answered with a non-2xx status. */
    static PeApiException fromResponse(PeRequest request, int status, String body, Collection<String> secrets) {
        JsonNode json = parseOrNull(body);
        if (LenientJson.isErrorObject(json)) {
            return fromErrorObject(request, status, json, secrets);
        }
        String excerpt = BodyExcerpt.of(body, secrets);
        String said = "HTTP " + status + " and a body that is not a PE error: \"" + excerpt + "\"";
        return byStatus(request, status, null, null, null, said, excerpt);
    }

    /** PE answered with its error object {@code {kind, msg, details}}, with any status (even 200). */
    static PeApiException fromErrorObject(PeRequest request, int status, JsonNode error, Collection<String> secrets) {
        String kind = LenientJson.text(error, "kind");
        String msg = BodyExcerpt.message(LenientJson.text(error, "msg"), secrets);
        JsonNode details = BodyExcerpt.details(error.get("details"), secrets);
        String said = "PE said: \"" + (msg == null ? "(no message)" : msg) + "\" (" + kind + ", HTTP " + status + ")"
                + causeNotShown(msg, details, secrets);
        PeErrorKind known = PeErrorKind.of(kind);
        if (known == null) {
            return byStatus(request, status, kind, msg, details, said, msg);
        }
        PeErrorKind.Category category = status == 401
                ? PeErrorKind.Category.CREDENTIALS
                : isGatewayStatus(status) ? PeErrorKind.Category.TRANSIENT : known.category();
        String fix = known.fix();
        String meaning = known.meaning();
        if (category == PeErrorKind.Category.PERMISSION && request.permission() != null) {
            meaning = meaning + " It needs the permission: " + request.permission() + ".";
        }
        String message = "Could not " + request.action() + ": " + meaning + " " + said + ". Fix: " + fix;
        return create(category, message, status, kind, msg, details, fix);
    }

    /**
     * The essential line of PE's text where {@code msg} does not already show it: r10k's output in a
     * string {@code details} ({@code collect-failed}), or a cause beyond the length {@code msg} is cut to.
     */
    private static String causeNotShown(String msg, JsonNode details, Collection<String> secrets) {
        String text =
                details != null && details.isTextual() && !details.asText().isBlank() ? details.asText() : msg;
        String cause = EssentialLine.of(text, secrets);
        String shown = msg == null ? "" : BodyExcerpt.clean(msg);
        return cause.isEmpty() || shown.contains(cause) ? "" : ", with the cause: \"" + cause + "\"";
    }

    private static PeApiException byStatus(
            PeRequest request, int status, String kind, String msg, JsonNode details, String said, String shown) {
        String service = request.service().displayName();
        PeErrorKind.Category category;
        String meaning;
        String fix;
        if (status == 401) {
            category = PeErrorKind.Category.CREDENTIALS;
            meaning = "PE did not accept the credentials.";
            fix = "Check the token or the user name and password in the Jenkins credential.";
        } else if (status == 403) {
            category = PeErrorKind.Category.PERMISSION;
            meaning = "The PE user is not allowed to do this"
                    + (request.permission() == null ? "." : "; it needs the permission: " + request.permission() + ".");
            fix = "Give the PE user's role that permission (Access control » User roles » Permissions).";
        } else if (status == 404) {
            category = PeErrorKind.Category.NOT_FOUND;
            meaning = service + " does not know " + request.describe() + ".";
            fix = "Check the name or id, and that the " + service + " URL in the PE installation settings points at"
                    + " PE's " + service + " (its default port), not at another server.";
        } else if (status == 400 || status == 409 || status == 422) {
            category = PeErrorKind.Category.BAD_REQUEST;
            meaning = service + " refused the request as invalid.";
            fix = "Check the values named in the message; if they look right, report it with the PE version.";
        } else if (isGatewayStatus(status)) {
            category = PeErrorKind.Category.TRANSIENT;
            meaning = service + " (or a proxy in front of it) is temporarily unavailable.";
            fix = "Wait until " + service + " is up again and run the build again; check proxies and load"
                    + " balancers between Jenkins and PE.";
        } else if (status >= 500) {
            category = PeErrorKind.Category.SERVER;
            meaning = service + " failed with a server error.";
            fix = "Check the " + service + " log on the PE primary server and run the build again.";
        } else {
            String text = "Could not " + request.action() + ": " + service + " gave an unexpected answer to "
                    + request.describe() + ": " + said + ".";
            return new PeUnexpectedResponseException(
                    text, status, kind, shown, details, "Check that the URL points at PE and not at a proxy's page.");
        }
        String message = "Could not " + request.action() + ": " + meaning + " " + said + ". Fix: " + fix;
        return create(category, message, status, kind, msg == null ? shown : msg, details, fix);
    }

    private static PeApiException create(
            PeErrorKind.Category category,
            String message,
            int status,
            String kind,
            String msg,
            JsonNode details,
            String fix) {
        return switch (category) {
            case CREDENTIALS -> new PeCredentialsException(message, status, kind, msg, details, fix);
            case PERMISSION -> new PePermissionException(message, status, kind, msg, details, fix);
            case NOT_FOUND -> new PeNotFoundException(message, status, kind, msg, details, fix);
            case BAD_REQUEST -> new PeBadRequestException(message, status, kind, msg, details, fix);
            case TRANSIENT -> new PeTransientException(message, status, kind, msg, details, fix);
            case SERVER, RESULT -> new PeServerException(message, status, kind, msg, details, fix);
        };
    }

    /** A 2xx answer of the wrong shape: an error object is an error, anything else unexpected. */
    public static PeApiException unexpectedShape(
            PeRequest request, int status, JsonNode json, String expected, Collection<String> secrets) {
        if (LenientJson.isErrorObject(json)) {
            return fromErrorObject(request, status, json, secrets);
        }
        String excerpt = BodyExcerpt.of(json == null || json.isMissingNode() ? "" : json.toString(), secrets);
        return new PeUnexpectedResponseException(
                "Could not " + request.action() + ": " + request.service().displayName() + " answered HTTP " + status
                        + " but not with " + expected + ": \"" + excerpt + "\". Fix: check that the "
                        + request.service().displayName() + " URL points at PE and not at a proxy's page.",
                status,
                null,
                excerpt,
                null,
                "Check that the URL points at PE.");
    }

    /** A 2xx answer whose body is not JSON at all. */
    static PeApiException notJson(PeRequest request, int status, String body, Collection<String> secrets) {
        String excerpt = BodyExcerpt.of(body, secrets);
        return new PeUnexpectedResponseException(
                "Could not " + request.action() + ": " + request.service().displayName() + " answered HTTP " + status
                        + " with a body that is not JSON: \"" + excerpt + "\". Fix: check that the "
                        + request.service().displayName()
                        + " URL points at PE and not at a proxy or login page.",
                status,
                null,
                excerpt,
                null,
                "Check that the URL points at PE.");
    }

    /** 502, 503 and 504: PE or a proxy in front of it is temporarily unable to answer. */
    static boolean isGatewayStatus(int status) {
        return status == 502 || status == 503 || status == 504;
    }

    static JsonNode parseOrNull(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return LenientJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static String reason(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                deepest = t;
            }
        }
        String message = deepest.getMessage();
        String text = deepest.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return BodyExcerpt.of(text, List.of());
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
