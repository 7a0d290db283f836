package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanParameterInput;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanRunInput;
import io.jenkins.plugins.puppetenterprise.core.query.PuppetDbQueryInput;
import io.jenkins.plugins.puppetenterprise.core.query.PuppetDbQueryRun;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The docs/usage.md example in which puppetDbQuery's rows become puppetPlanRun's {@code nodes}
 * parameter, run as the steps run it (through the core) against the simulator.
 */
class PuppetDbQueryUsageDocTest {
    private static final Pattern QUERY = Pattern.compile("def web = puppetDbQuery query: '([^']+)'");
    private static final Pattern PLAN = Pattern.compile("puppetPlanRun plan: '([^']+)'");
    private static final String NODES_ARGUMENT = "value(name: 'nodes', value: web.collect { it.certname }.join(','))";

    @Test
    void theQueryResultFeedsAPlanRunsNodesParameter() throws Exception {
        String usage = Files.readString(
                Path.of(System.getProperty("project.root", ".")).resolve("docs/usage.md"));
        Matcher query = QUERY.matcher(usage);
        Matcher plan = PLAN.matcher(usage.substring(usage.indexOf("def web = puppetDbQuery")));
        assertThat(query.find()).as("the example's puppetDbQuery").isTrue();
        assertThat(plan.find()).as("the example's puppetPlanRun").isTrue();
        assertThat(usage)
                .as("the example passes the certnames joined by commas")
                .contains(NODES_ARGUMENT);

        FakeClock clock = new FakeClock();
        try (PeSimulator sim = PeSimulator.start(clock);
                PeClient client = PeClient.builder(
                                PeServiceUrls.of(
                                        null,
                                        sim.rbacUrl().toString(),
                                        sim.codeManagerUrl().toString(),
                                        sim.orchestratorUrl().toString(),
                                        sim.consoleUrl().toString(),
                                        sim.puppetDbUrl().toString()),
                                PeCaBundle.fromPem(sim.caPem()))
                        .build()) {
            sim.addUser("deployer", "pw-doc-51aa", UserPermissions.deployer());
            sim.addPlan(PlanSpec.named(plan.group(1)).withParameter("nodes", "TargetSpec", "where to deploy"));
            List<Object> nodesReceived = new CopyOnWriteArrayList<>();
            sim.scriptPlan(plan.group(1), parameters -> {
                nodesReceived.add(parameters.get("nodes"));
                return PlanJobScript.succeeding(Duration.ofSeconds(30));
            });
            PeSession session = client.session(PeCredentials.token(sim.issueToken("deployer")));
            ManualWatchScheduler scheduler = new ManualWatchScheduler(clock);
            ExecutionCore core = new ExecutionCore(scheduler, clock, PollBackoff.DEFAULT, () -> 0.5);

            Outcome queried = PuppetDbQueryRun.run(
                            session,
                            "sim",
                            PuppetDbQueryInput.builder().query(query.group(1)).build(),
                            line -> {})
                    .get(20, TimeUnit.SECONDS);
            assertThat(queried.verdict()).isEqualTo(Verdict.SUCCESS);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> web =
                    (List<Map<String, Object>>) queried.result().get("rows");
            String nodes = web.stream().map(row -> (String) row.get("certname")).collect(Collectors.joining(","));

            PlanRunInput input = PlanRunInput.builder()
                    .plan(plan.group(1))
                    .parameter(PlanParameterInput.plain("nodes", nodes))
                    .build();
            Submission submission = core.submitPlanRun(session, client.urls(), "sim", input, "doc", line -> {})
                    .get(20, TimeUnit.SECONDS);
            Watch watch = core.watch(session, client.urls(), submission.reference(), line -> {}, TextMask.NONE);
            scheduler.runUntil(watch.outcome());

            assertThat(watch.outcome().get().verdict()).isEqualTo(Verdict.SUCCESS);
            assertThat(nodesReceived).containsExactly("web01.example.com,web02.example.com");
        }
    }
}
