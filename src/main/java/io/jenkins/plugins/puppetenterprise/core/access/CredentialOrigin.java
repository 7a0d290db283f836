package io.jenkins.plugins.puppetenterprise.core.access;

import java.util.Objects;

/**
 * Where a build's credential was found, as the origin of its PE session ({@code
 * PeClient.session(credentials, origin)}): the store that holds it and its ID. Two credentials with
 * one ID in two folders' stores have different origins, so their builds' work is swept apart even
 * when their secrets match ({@code PeSession.sweepGroup()}). Each part is written with its length
 * first, so that no folder or ID name can make two origins read the same.
 */
public final class CredentialOrigin {
    private CredentialOrigin() {}

    /**
     * A credential held by a store.
     *
     * @param provider the class name of the store's credentials provider
     * @param context names the store's context: a folder's full name, {@code jenkins} for the root
     * @param id the credential's ID
     */
    public static String inStore(String provider, String context, String id) {
        return "store " + part(provider) + " " + part(context) + " " + part(id);
    }

    /**
     * A credential no listed store holds (a provider without stores, a user's own credential given
     * as a build parameter, unless a store the job sees holds one of the same ID and class, whose
     * origin it then takes): known by its ID only, so the digest of its secret or user in the sweep
     * group is what keeps it apart from others with that ID.
     */
    public static String unlisted(String id) {
        return "unlisted " + part(id);
    }

    private static String part(String text) {
        Objects.requireNonNull(text);
        return text.length() + ":" + text;
    }
}
