package io.jenkins.plugins.puppetenterprise.jenkins;

import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.PLAN;
import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.TASK;
import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.WEB01;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.console.ConsoleNote;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.PasswordParameterDefinition;
import hudson.util.Secret;
import io.jenkins.plugins.puppetenterprise.jenkins.job.PuppetRunBuilder;
import io.jenkins.plugins.puppetenterprise.jenkins.job.PuppetTaskBuilder;
import io.jenkins.plugins.puppetenterprise.jenkins.job.TaskValueArgument;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.job.JobScript;
import io.jenkins.plugins.puppetenterprise.simulator.job.NodeScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.CaptureEnvironmentBuilder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A distinctive token and password go through a deploy, a plan run, a Puppet run and a task, with either
 * credential; then neither appears in the log, in any file Jenkins wrote (build.xml, config.xml, flow nodes,
 * program state), in the summary action or in the values the steps returned. The task's sensitive parameter
 * appears in neither the log, the summary, build.xml nor the returned values. The freestyle build steps,
 * given that parameter from a password parameter, keep all three out of every file and of the
 * exported {@code PE_*} variables.
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

    @Test
    void freestyleBuildStepsKeepTheTokenPasswordAndSensitiveValueOutOfEveryFile(JenkinsRule r) throws Exception {
        try (SimulatedPeJenkinsFixture sim = new SimulatedPeJenkinsFixture(PASSWORD)) {
            sim.configure(r);
            FreeStyleProject project = r.createFreeStyleProject("canary-freestyle");
            project.addProperty(new ParametersDefinitionProperty(
                    new PasswordParameterDefinition("TASK_PIN", Secret.fromString(TASK_SECRET), "")));
            for (String id : List.of(SimulatedPeJenkinsFixture.TOKEN_ID, SimulatedPeJenkinsFixture.PASSWORD_ID)) {
                sim.scriptNextJobDoneAtOnce();
                // the task echoes the sensitive value in its node message and its result
                sim.pe.scriptNextJob(JobScript.allNodes(NodeScript.finishing(Duration.ZERO)
                        .withMessage("rotated with " + TASK_SECRET)
                        .withTaskResult(Map.of("echo", TASK_SECRET))));
                PuppetRunBuilder run = new PuppetRunBuilder();
                run.setNodes(List.of(WEB01));
                run.setCredentialsId(id);
                PuppetTaskBuilder task = new PuppetTaskBuilder(TASK);
                task.setNodes(List.of(WEB01));
                task.setParameters(List.of(
                        new TaskValueArgument("service", "nginx"), new TaskValueArgument("secret", "$TASK_PIN")));
                task.setCredentialsId(id);
                project.getBuildersList().addAll(List.of(run, task));
            }
            CaptureEnvironmentBuilder environment = new CaptureEnvironmentBuilder();
            project.getBuildersList().add(environment);

            FreeStyleBuild b = r.buildAndAssertSuccess(project);

            assertThat(sim.pe.journal().count(PeEndpoint.TASK_COMMAND)).isEqualTo(2);
            r.assertLogContains(WEB01 + ": finished - rotated with ****", b);
            assertThat(ConsoleNote.removeNotes(JenkinsRule.getLog(b)))
                    .doesNotContain(sim.token)
                    .doesNotContain(PASSWORD)
                    .doesNotContain(TASK_SECRET);
            assertThat(b.getAction(PeSummaryAction.class).getRecords())
                    .hasSize(4)
                    .allSatisfy(record -> assertThat(String.join(
                                    " ", record.getTarget(), record.getStatus(), String.valueOf(record.getDetails())))
                            .doesNotContain(TASK_SECRET));
            assertThat(environment.getEnvVars())
                    .as("the exported PE_* variables")
                    .containsKey("PE_JOB")
                    .allSatisfy((name, value) -> {
                        if (name.startsWith("PE_")) {
                            assertThat(value)
                                    .doesNotContain(sim.token)
                                    .doesNotContain(PASSWORD)
                                    .doesNotContain(TASK_SECRET);
                        }
                    });
            // the value came from a password parameter, which Jenkins saves encrypted: no file holds it
            assertThat(filesContaining(r.jenkins.getRootDir().toPath(), List.of(sim.token, PASSWORD, TASK_SECRET)))
                    .as("files under JENKINS_HOME holding the token, the password or the sensitive value")
                    .isEmpty();
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
