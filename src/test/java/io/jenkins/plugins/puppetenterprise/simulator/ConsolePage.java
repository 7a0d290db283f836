package io.jenkins.plugins.puppetenterprise.simulator;

import java.util.Map;

/**
 * The console's single page: PE's console is a single-page app whose {@code #/} routes (such as
 * {@code #/orchestration/plans/plan/42}) never reach the server, so one page answers every path.
 */
final class ConsolePage {
    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>PE simulator console</title></head>
            <body><h1>Puppet Enterprise simulator</h1>
            <p>This stands in for the PE console. Plan job links look like
            <code>#/orchestration/plans/plan/&lt;id&gt;</code>; query the Orchestrator API for details.</p>
            </body></html>
            """;

    private ConsolePage() {}

    static Map<PeEndpoint, EndpointHandler> handlers() {
        return Map.of(
                PeEndpoint.CONSOLE_PAGE,
                (request, caller) -> SimulatorResponse.text(200, "text/html;charset=utf-8", PAGE));
    }
}
