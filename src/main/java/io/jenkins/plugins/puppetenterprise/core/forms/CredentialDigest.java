package io.jenkins.plugins.puppetenterprise.core.forms;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A cache key part for a resolved credential: a SHA-256 digest of its type, ID and secret parts
 * (the token, or user name and password), so that a credential whose secret changed, or another
 * credential behind the same ID in another folder, never meets an answer given to the old one. The
 * digest is one-way and the secret is never kept.
 */
public final class CredentialDigest {
    private CredentialDigest() {}

    public static String of(String type, String id, char[]... secrets) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, type.toCharArray());
            update(digest, (id == null ? "" : id).toCharArray());
            for (char[] secret : secrets) {
                update(digest, secret);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Each part with its length first, so that parts cannot run into each other. */
    private static void update(MessageDigest digest, char[] part) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(part));
        digest.update(ByteBuffer.allocate(4).putInt(bytes.remaining()).array());
        digest.update(bytes.duplicate());
        if (bytes.hasArray()) {
            Arrays.fill(bytes.array(), (byte) 0);
        }
    }
}
