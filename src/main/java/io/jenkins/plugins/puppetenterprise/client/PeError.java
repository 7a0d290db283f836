package io.jenkins.plugins.puppetenterprise.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A PE error object found inside a result (a failed deploy, a failed plan): {@code kind},
 * {@code msg}, {@code details} (any JSON, may be a string or null), and for deploys the corrected
 * environment name, read from whichever of {@code corrected-name}, {@code corrected-env-name} or
 * {@code env-name} the PE release uses.
 */
public record PeError(String kind, String msg, JsonNode details, String correctedName) {

    public static PeError from(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode details = LenientJson.node(node, "details");
        String corrected = details.isObject()
                ? LenientJson.firstText(details, "corrected-name", "corrected-env-name", "env-name")
                : null;
        return new PeError(LenientJson.text(node, "kind"), LenientJson.text(node, "msg"), details, corrected);
    }

    /** The known kind with its meaning and fix, or null. */
    public PeErrorKind knownKind() {
        return PeErrorKind.of(kind);
    }
}
