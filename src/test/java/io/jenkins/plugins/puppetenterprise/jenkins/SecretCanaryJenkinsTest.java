package io.jenkins.plugins.puppetenterprise.jenkins;

import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.PLAN;
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
 * A distinctive token and password go through a deploy and a plan run, with either credential; then
 * neither appears in the log, in any file Jenkins wrote (build.xml, config.xml, flow nodes, program
 * state), in the summary action or in the values the steps returned.
 */
@WithJenkins
class SecretCanaryJenkinsTest {
    private static final String PASSWORD = "canary-password-Zq8tW3vR5";

    @Test
    void tokenAndPasswordNeverLeaveTheirCredentials(JenkinsRule r) throws Exception {
        try (SimulatedPeJenkinsFixture sim = new SimulatedPeJenkinsFixture(PASSWORD)) {
            sim.configure(r);
            sim.pe.scriptNextPlanJob(PLAN, PlanJobScript.succeeding(Duration.ZERO));
            sim.pe.scriptNextPlanJob(PLAN, PlanJobScript.succeeding(Duration.ZERO));
            WorkflowJob job = r.createProject(WorkflowJob.class, "canary");
            job.setDefinition(new CpsFlowDefinition("""
                    def results = []
                    for (id in ['pe-token', 'pe-user']) {
                      results << puppetCodeDeploy(environments: ['production', 'testing'], credentialsId: id)
                      results << puppetPlanRun(plan: 'app::deploy', credentialsId: id,
                          parameters: [value(name: 'version', value: '3.1')])
                    }
                    echo "RESULTS=${results}"
                    """, true));

            WorkflowRun b = r.buildAndAssertSuccess(job);

            String log = JenkinsRule.getLog(b);
            assertThat(log).contains("RESULTS=[");
            assertThat(log).doesNotContain(sim.token).doesNotContain(PASSWORD);
            assertThat(ConsoleNote.removeNotes(log)).doesNotContain(sim.token).doesNotContain(PASSWORD);
            assertThat(b.getAction(PeSummaryAction.class).getRecords())
                    .hasSize(6)
                    .allSatisfy(record -> assertThat(String.join(
                                    " ",
                                    record.getOperation(),
                                    record.getServer(),
                                    record.getTarget(),
                                    record.getStatus(),
                                    String.valueOf(record.getDetails()),
                                    String.valueOf(record.getConsoleUrl())))
                            .doesNotContain(sim.token)
                            .doesNotContain(PASSWORD));
            assertThat(filesContaining(r.jenkins.getRootDir().toPath(), List.of(sim.token, PASSWORD)))
                    .as("files under JENKINS_HOME holding the token or the password in plain text")
                    .isEmpty();
            assertThat(b.getRootDir().toPath().resolve("build.xml")).exists();
            assertThat(sim.pe.journal().count(PeEndpoint.LOGIN))
                    .as("the password was used")
                    .isEqualTo(2);
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
