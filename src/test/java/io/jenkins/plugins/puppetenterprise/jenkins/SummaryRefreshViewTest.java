package io.jenkins.plugins.puppetenterprise.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.POST;

/**
 * Offline guards of the build page's refresh of a running Puppet run or task: it uses Jenkins'
 * widget-refresh (core 2.541.3, lib/hudson/widget-refresh.js: a {@code widget-refresh-reference}
 * element's {@code data-url} is POSTed with the crumb every 5 s and its answer's first element
 * replaces the element whose id is {@code data-id}, until no element has that id), with no script
 * of its own, and the URL it names is the action's permission-checked POST web method.
 */
class SummaryRefreshViewTest {
    private static final Path VIEWS = GlueSources.glueViews().resolve("PeSummaryAction");
    private static final Pattern REFERENCE = Pattern.compile(
            "<div class=\"widget-refresh-reference\" data-id=\"([\\w-]+)\" data-url=\"\\$\\{rootURL}/\\$\\{it\\.run\\.url}\\$\\{it\\.urlName}/(\\w+)\"/>");

    @Test
    void theSummaryAsksCoresWidgetRefreshForTheTableWhileSomethingRuns() throws Exception {
        String summary = Files.readString(VIEWS.resolve("summary.jelly"));
        Matcher reference = REFERENCE.matcher(summary);
        assertThat(reference.find())
                .as("summary.jelly names the refresh by data-* attributes")
                .isTrue();
        String id = reference.group(1);
        String path = reference.group(2);

        assertThat(summary).contains("<st:adjunct includes=\"lib.hudson.widget-refresh\"/>");
        assertThat(summary.indexOf("<j:if test=\"${peShown.live}\">"))
                .as("the refresh is asked for only while the build or a Puppet run or task runs")
                .isBetween(0, reference.start());
        assertThat(summary).contains("<st:include page=\"table.jelly\"/>").doesNotContain(" id=\"" + id + "\"");
        assertThat(summary.toLowerCase(Locale.ROOT)).doesNotContain("<script");

        String table = Files.readString(VIEWS.resolve("table.jelly"));
        assertThat(table)
                .as(
                        "the table carries the id only while the build or a Puppet run or task runs, so the last answer ends the refresh")
                .contains("<div id=\"${peShown.live ? '" + id + "' : null}\">")
                .doesNotContain("widget-refresh-reference");
        assertThat(table.indexOf("<j:if")).as("the div is always answered").isGreaterThan(table.indexOf("<div id="));

        Method live = PeSummaryAction.class.getMethod(
                "do" + Character.toUpperCase(path.charAt(0)) + path.substring(1),
                StaplerRequest2.class,
                StaplerResponse2.class);
        assertThat(Modifier.isPublic(live.getModifiers())).isTrue();
        assertThat(live.isAnnotationPresent(POST.class))
                .as("widget-refresh POSTs with the crumb")
                .isTrue();
        assertThat(new PeSummaryAction().getUrlName()).isEqualTo("puppet-enterprise");
        assertThat(new PeSummaryAction().getIconFileName())
                .as("no side panel link")
                .isNull();
    }

    /** The web method checks Item.READ on the build's job before it answers (its source, as no Jenkins runs offline). */
    @Test
    void theTableIsAnsweredOnlyAfterTheReadCheck() throws Exception {
        String source = Files.readString(GlueSources.projectRoot()
                .resolve("src/main/java/" + GlueSources.PACKAGE.replace('.', '/') + "/PeSummaryAction.java"));
        int method = source.indexOf("public void doLive(");
        assertThat(method).isPositive();
        String body = source.substring(method, source.indexOf("\n    }\n", method));
        assertThat(body.indexOf("run.getParent().checkPermission(Item.READ);"))
                .isPositive()
                .isLessThan(body.indexOf("req.getView(this, \"table.jelly\").forward(req, rsp);"));
        assertThat(Files.exists(VIEWS.resolve("table.jelly"))).isTrue();
    }
}
