package io.jenkins.plugins.puppetenterprise.jenkins;

import hudson.console.HyperlinkNote;
import hudson.model.TaskListener;
import io.jenkins.plugins.puppetenterprise.core.LogLine;
import io.jenkins.plugins.puppetenterprise.core.WatchReference;
import io.jenkins.plugins.puppetenterprise.core.WatchSink;
import java.io.PrintStream;
import java.util.function.Consumer;

/** The core's lines in a build log, links to the PE console as Jenkins hyperlinks. */
public final class BuildLog implements WatchSink {
    private final PrintStream out;
    private final Consumer<WatchReference> progress;
    /** The text of the core's last line, to tell whether the outcome's words were already said. */
    private volatile String lastLine;

    public BuildLog(TaskListener listener, Consumer<WatchReference> progress) {
        this.out = listener.getLogger();
        this.progress = progress;
    }

    @Override
    public void log(LogLine line) {
        String url = line.linkUrl() == null
                ? null
                : PeOperationRecord.httpUrlOrNull(line.linkUrl().toString());
        out.println(url == null ? line.plainText() : line.text() + HyperlinkNote.encodeTo(url, line.linkText()));
        lastLine = line.plainText();
    }

    /** Prints the text unless the core's last line said it already (a watch that ended in those words). */
    void printlnUnlessJustSaid(String text) {
        if (!text.equals(lastLine)) {
            println(text);
        }
    }

    @Override
    public void progressed(WatchReference reference) {
        progress.accept(reference);
    }

    void println(String text) {
        out.println(text);
    }
}
