package io.jenkins.plugins.puppetenterprise.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A PE error object found inside a result (a failed deploy, a failed plan): {@code kind},
 * {@code msg}, {@code details} (any JSON, may be a string or null), and for deploys the corrected
 * environment name, read from whichever of {@code corrected-name}, {@code corrected-env-name} or
 * {@code env-name} the PE release uses. Text is masked as in {@link BodyExcerpt} (URL user
 * information, fields named like secrets) and {@code msg} bounded.
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
        // r10k's text in msg may name a Git remote with its token in the URL
        return new PeError(
                LenientJson.text(node, "kind"),
                BodyExcerpt.message(LenientJson.text(node, "msg"), List.of()),
                BodyExcerpt.details(details, List.of()),
                corrected);
    }

    /** The known kind with its meaning and fix, or null. */
    public PeErrorKind knownKind() {
        return PeErrorKind.of(kind);
    }
}
