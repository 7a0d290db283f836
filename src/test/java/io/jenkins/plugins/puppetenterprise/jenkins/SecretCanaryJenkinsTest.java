package io.jenkins.plugins.puppetenterprise.jenkins;

import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.PLAN;
import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.TASK;
import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.WEB01;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.console.ConsoleNote;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PlanJobScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A distinctive token and password go through a deploy, a plan run, a Puppet run and a task, with either
 * credential; then neither appears in the log, in any file Jenkins wrote (build.xml, config.xml, flow nodes,
 * program state), in the summary action or in the values the steps returned. The task's sensitive parameter
 * appears in neither the log, the summary, build.xml nor the returned values.
 */
@WithJenkins
class SecretCanaryJenkinsTest {
    private static final String PASSWORD = "canary-password-Zq8tW3vR5";
    private static final String TASK_SECRET = "canary-task-secret-Hm4pX9";

    @Test
    void tokenAndPasswordNeverLeaveTheirCredentials(JenkinsRule r) throws Exception {
        try (SimulatedPeJenkinsFixture sim = new SimulatedPeJenkinsFixture(PASSWORD)) {
            sim.configure(r);
            sim.pe.scriptNextPlanJob(PLAN, PlanJobScript.succeeding(Duration.ZERO));
            sim.pe.scriptNextPlanJob(PLAN, PlanJobScript.succeeding(Duration.ZERO));
            for (int i = 0; i < 4; i++) {
                sim.scriptNextJobDoneAtOnce();
            }
            WorkflowJob job = r.createProject(WorkflowJob.class, "canary");
            job.setDefinition(new CpsFlowDefinition("""
                    def results = []
                    for (id in ['pe-token', 'pe-user']) {
                      results << puppetCodeDeploy(environments: ['production', 'testing'], credentialsId: id)
                      results << puppetPlanRun(plan: 'app::deploy', credentialsId: id,
                          parameters: [value(name: 'version', value: '3.1')])
                      results << puppetRun(nodes: ['%s'], credentialsId: id)
                      results << puppetTask(task: '%s', nodes: ['%s'], credentialsId: id,
                          parameters: [value(name: 'service', value: 'nginx'), value(name: 'secret', value: '%s')])
                    }
                    echo "RESULTS=${results}"
                    """.formatted(WEB01, TASK, WEB01, TASK_SECRET), true));

            WorkflowRun b = r.buildAndAssertSuccess(job);

            String log = JenkinsRule.getLog(b);
            assertThat(log).contains("RESULTS=[");
            assertThat(log).doesNotContain(sim.token).doesNotContain(PASSWORD).doesNotContain(TASK_SECRET);
            assertThat(ConsoleNote.removeNotes(log))
                    .doesNotContain(sim.token)
                    .doesNotContain(PASSWORD)
                    .doesNotContain(TASK_SECRET);
            assertThat(b.getAction(PeSummaryAction.class).getRecords())
                    .hasSize(10)
                    .allSatisfy(record -> assertThat(String.join(
                                    " ",
                                    record.getOperation(),
                                    record.getServer(),
                                    record.getTarget(),
                                    record.getStatus(),
                                    String.valueOf(record.getDetails()),
                                    String.valueOf(record.getConsoleUrl())))
                            .doesNotContain(sim.token)
                            .doesNotContain(PASSWORD)
                            .doesNotContain(TASK_SECRET));
            assertThat(filesContaining(r.jenkins.getRootDir().toPath(), List.of(sim.token, PASSWORD)))
                    .as("files under JENKINS_HOME holding the token or the password in plain text")
                    .isEmpty();
            // the sensitive task parameter is written in the script, so Pipeline keeps it with the step's arguments
            // (usage.md says to take such values from a credential); the plugin's own files never hold it
            assertThat(b.getRootDir().toPath().resolve("build.xml"))
                    .exists()
                    .content(StandardCharsets.UTF_8)
                    .doesNotContain(TASK_SECRET);
            assertThat(sim.pe.journal().count(PeEndpoint.TASK_COMMAND)).isEqualTo(2);
            assertThat(sim.pe.journal().count(PeEndpoint.LOGIN))
                    .as("the password was used")
                    .isEqualTo(4);
        }
    }

    private static List<Path> filesContaining(Path home, List<String> secrets) throws IOException {
        try (Stream<Path> files = Files.walk(home)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> {
                        try {
                            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                            return secrets.stream().anyMatch(text::contains);
                        } catch (NoSuchFileException gone) {
                            return false; // a temporary file, removed while walking
                        } catch (IOException e) {
                            throw new UncheckedIOException("cannot read " + file, e);
                        }
                    })
                    .toList();
        }
    }
}
