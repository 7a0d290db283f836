package io.jenkins.plugins.puppetenterprise.core;

import java.net.URI;
import java.util.Objects;

/**
 * One line for a build log: text, optionally followed by a link. Front ends render the link
 * their own way (Jenkins as a HyperlinkNote, the demo as a plain URL).
 */
public final class LogLine {
    private final String text;
    private final URI linkUrl;
    private final String linkText;

    private LogLine(String text, URI linkUrl, String linkText) {
        this.text = Objects.requireNonNull(text, "text");
        this.linkUrl = linkUrl;
        this.linkText = linkText;
    }

    public static LogLine of(String text) {
        return new LogLine(text, null, null);
    }

    /** A line whose {@code text} is followed by a link to {@code url} labelled {@code linkText}. */
    public static LogLine withLink(String text, URI url, String linkText) {
        return new LogLine(text, Objects.requireNonNull(url, "url"), Objects.requireNonNull(linkText, "linkText"));
    }

    /** The text before the link (the whole line when there is no link). */
    public String text() {
        return text;
    }

    /** The link's target, or null. */
    public URI linkUrl() {
        return linkUrl;
    }

    /** The link's label, or null. */
    public String linkText() {
        return linkText;
    }

    /** The line for a plain-text log: the link shown as its URL. */
    public String plainText() {
        return linkUrl == null ? text : text + linkUrl;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogLine other
                && text.equals(other.text)
                && Objects.equals(linkUrl, other.linkUrl)
                && Objects.equals(linkText, other.linkText);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, linkUrl, linkText);
    }

    @Override
    public String toString() {
        return plainText();
    }
}
