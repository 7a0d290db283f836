package io.jenkins.plugins.puppetenterprise.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a session authenticates: a static RBAC token, or a PE user and password from which the
 * session mints short-lived tokens (and revokes them at the end).
 */
public sealed interface PeCredentials {

    /** A token made by someone else (e.g. {@code puppet access login}); never revoked by the client. */
    record Token(PeSecret token) implements PeCredentials {
        public Token {
            Objects.requireNonNull(token, "token");
        }
    }

    /**
     * A user and password. {@code lifetime} is the minted tokens' lifetime (null: PE's default of
     * usually one hour); {@code labelBase} names the work, e.g. {@code jenkins my-folder/my-job #42},
     * and gets a random suffix per login so a retried login never collides with an earlier label.
     */
    record Password(String login, PeSecret password, Duration lifetime, String labelBase) implements PeCredentials {
        public Password {
            if (login == null || login.isBlank()) {
                throw new IllegalArgumentException("The PE user name is empty: fill it in in the credential");
            }
            Objects.requireNonNull(password, "password");
            if (lifetime != null && lifetime.toSeconds() < 1) {
                throw new IllegalArgumentException("The token lifetime must be at least one second, or unset");
            }
        }

        /** The user name may be secret too (Jenkins credentials can mark it so): neither is shown. */
        @Override
        public String toString() {
            return "Password[login=****, password=****, lifetime=" + lifetime + ", labelBase=" + labelBase + "]";
        }
    }

    static PeCredentials token(String token) {
        return new Token(PeSecret.of(token));
    }

    static PeCredentials password(String login, char[] password, Duration lifetime, String labelBase) {
        return new Password(login, PeSecret.of(password), lifetime, labelBase);
    }
}
