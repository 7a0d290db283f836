package io.jenkins.plugins.puppetenterprise.core;

import io.jenkins.plugins.puppetenterprise.client.PeApiException;
import io.jenkins.plugins.puppetenterprise.client.PeCredentialsException;
import io.jenkins.plugins.puppetenterprise.client.PeErrorKind;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.TokenInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;

/**
 * The check of a Secret-text token at a step's start, through the step's own session: a token that
 * expires within {@link #WARNING_WINDOW} gets a warning line with the date and how to renew it; an
 * expired one fails before any other request; when RBAC cannot say (404 on old releases, 5xx, an
 * idle-timed-out token) the step goes on after one line. Sessions that mint their own tokens from
 * a password are not checked: their tokens are fresh.
 */
public final class TokenExpiryCheck {
    public static final Duration WARNING_WINDOW = Duration.ofDays(7);
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private TokenExpiryCheck() {}

    /** Completes when the step may go on; fails with {@link PeCredentialsException} for an expired token. */
    public static CompletableFuture<Void> check(PeSession session, Clock clock, WatchSink sink) {
        if (session.mintsTokens()) {
            return CompletableFuture.completedFuture(null);
        }
        return session.tokenInfo().handle((info, failure) -> {
            if (failure != null) {
                Throwable cause = Watch.unwrap(failure);
                if (cause instanceof PeCredentialsException rejected
                        && PeErrorKind.of(rejected.kind()) == PeErrorKind.TOKEN_EXPIRED) {
                    throw new PeCredentialsException(
                            expired(null, null), rejected.status(), rejected.kind(), null, null, renewal(null));
                }
                sink.log(LogLine.of("Could not check when the PE RBAC token expires (" + reason(cause)
                        + "); going on without the check."));
                return null;
            }
            Instant expiration = info.expiration();
            Instant now = clock.instant();
            if (expiration == null) {
                return null;
            }
            if (!expiration.isAfter(now)) {
                throw new PeCredentialsException(
                        expired(info, expiration), 0, "puppetlabs.rbac/token-expired", null, null, renewal(info));
            }
            if (!expiration.isAfter(now.plus(WARNING_WINDOW))) {
                sink.log(
                        LogLine.of("Warning: the PE RBAC token" + owner(info) + " expires on " + DATE.format(expiration)
                                + ", in " + days(Duration.between(now, expiration)) + ": " + renewal(info) + "."));
            }
            return null;
        });
    }

    private static String expired(TokenInfo info, Instant expiration) {
        return "The PE RBAC token" + owner(info) + " has expired"
                + (expiration == null ? "" : " (on " + DATE.format(expiration) + ")")
                + ", so nothing was sent to PE: " + renewal(info) + ".";
    }

    private static String renewal(TokenInfo info) {
        String login = info == null || info.login() == null ? "" : " " + info.login();
        return "renew it with puppet access login" + login + " --lifetime 90d on a PE node (puppet access show prints"
                + " the new token) and put the new token in the Jenkins Secret text credential";
    }

    private static String owner(TokenInfo info) {
        return info == null || info.login() == null ? "" : " of user " + info.login();
    }

    private static String days(Duration left) {
        long days = left.toDays();
        if (days >= 1) {
            return days + (days == 1 ? " day" : " days");
        }
        return Durations.words(left);
    }

    private static String reason(Throwable cause) {
        if (cause instanceof PeApiException refused && refused.status() == 404) {
            return "RBAC has no token authenticate endpoint: older PE releases lack it";
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
