package io.jenkins.plugins.puppetenterprise.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.util.Secret;
import io.jenkins.plugins.puppetenterprise.jenkins.job.PuppetTaskBuilder;
import io.jenkins.plugins.puppetenterprise.jenkins.job.PuppetTaskStep;
import io.jenkins.plugins.puppetenterprise.jenkins.job.TaskJsonArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.job.TaskValueArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanJsonArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanNodeGroupArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanQueryArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanRunBuilder;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanRunStep;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanValueArgument;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.job.TaskSpec;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The pickers and checks that ask PE (issue 15 items 1, 2 and 6), against the simulator: a user who
 * may only read the job gets nothing from any of them, a user who may configure it gets PE's names
 * and words, GET is refused, a job outside the installation's folders gets nothing even for an
 * administrator, and a step credential is resolved in the job's context.
 */
@WithJenkins
class PeFormsJenkinsTest {
    private static final String PLAN = SimulatedPeJenkinsFixture.PLAN;
    private static final List<Class<?>> ARGUMENTS = List.of(
            PlanValueArgument.class, PlanJsonArgument.class, PlanQueryArgument.class, PlanNodeGroupArgument.class);
    private static final List<Class<?>> TASK_ARGUMENTS = List.of(TaskValueArgument.class, TaskJsonArgument.class);

    @RegisterExtension
    private final SimulatedPeJenkinsFixture sim = new SimulatedPeJenkinsFixture();

    @BeforeEach
    void addFormContent() {
        sim.pe.addPlan(PlanSpec.named("app::canary")
                .withParameter("nodes", "TargetSpec", null)
                .withDefaultedParameter("retries", "Integer", 3));
        sim.pe.addTask(TaskSpec.named("package")
                .withParameter("action", "Enum[install, status]", null)
                .withParameter("name", "String[1]", null));
        sim.pe.addTask(TaskSpec.named("profile::restart").supportingNoop());
    }

    /** Every new or changed web method, its query, and words only a user who may configure the job sees. */
    private static Map<String, String> methods(Class<?> descriptorOf) {
        Map<String, String> m = new LinkedHashMap<>();
        if (descriptorOf == PlanRunStep.class || descriptorOf == PlanRunBuilder.class) {
            m.put("fillPlanItems?environment=production", "app::canary");
            m.put("checkPlan?value=app::nosuch", "PE lists no plan app::nosuch in environment production");
        } else if (descriptorOf == PuppetTaskStep.class || descriptorOf == PuppetTaskBuilder.class) {
            m.put("fillTaskItems", "profile::restart");
            m.put("checkTask?value=nosuch", "PE lists no task nosuch in environment production");
            m.put("checkNoop?value=true&task=package", "Task package does not support noop");
        } else if (TASK_ARGUMENTS.contains(descriptorOf)) {
            m.put("fillNameItems?task=package", "action");
            m.put("checkName?value=name&task=package", "String[1], required");
            m.put("checkName?value=nme&task=package", "is not a parameter of task package");
        } else {
            m.put("fillNameItems?plan=app::canary", "retries");
            m.put("checkName?value=nodes&plan=app::canary", "TargetSpec, required");
            m.put("checkName?value=retries&plan=app::canary", "Integer, optional: has a default");
            m.put("checkName?value=nods&plan=app::canary", "is not a parameter of plan app::canary");
        }
        return m;
    }

    private static List<Class<?>> describables() {
        List<Class<?>> all = new java.util.ArrayList<>(
                List.of(PlanRunStep.class, PlanRunBuilder.class, PuppetTaskStep.class, PuppetTaskBuilder.class));
        all.addAll(ARGUMENTS);
        all.addAll(TASK_ARGUMENTS);
        return all;
    }

    private static void secure(JenkinsRule r) {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE)
                .everywhere()
                .to("configurer")
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader"));
    }

    @Test
    void everyPickerAndCheckSpeaksOnlyToUsersWhoMayConfigureTheJobAndRefusesGet(JenkinsRule r) throws Exception {
        sim.configure(r);
        WorkflowJob job = r.createProject(WorkflowJob.class, "deploy");
        secure(r);
        JenkinsRule.WebClient configurer = client(r, "configurer");
        JenkinsRule.WebClient reader = client(r, "reader");

        for (Class<?> describable : describables()) {
            String base = job.getUrl() + "descriptorByName/" + describable.getName() + "/";
            for (Map.Entry<String, String> method : methods(describable).entrySet()) {
                String what = describable.getSimpleName() + " " + method.getKey();
                Page forConfigurer = post(r, configurer, base + method.getKey());
                assertThat(forConfigurer.getWebResponse().getStatusCode())
                        .as(what)
                        .isEqualTo(200);
                assertThat(forConfigurer.getWebResponse().getContentAsString())
                        .as(what)
                        .contains(method.getValue());

                // asked after the answer is cached: the permission is checked first all the same
                Page forReader = post(r, reader, base + method.getKey());
                assertThat(forReader.getWebResponse().getStatusCode()).as(what).isEqualTo(200);
                String readerText = forReader.getWebResponse().getContentAsString();
                assertThat(readerText).as(what).doesNotContain(method.getValue());
                if (method.getKey().startsWith("fill")) {
                    assertThat(readerText.strip()).as(what).isEqualTo("[]");
                } else {
                    assertThat(readerText).as(what).doesNotContain("warning").doesNotContain("Not checked");
                }

                assertThat(configurer
                                .goTo(base + method.getKey().replaceAll("\\?.*", ""))
                                .getWebResponse()
                                .getStatusCode())
                        .as("GET " + what)
                        .isEqualTo(404);
            }
        }
    }

    @Test
    void oneMinuteOfFormChecksAsksPeOncePerQuestion(JenkinsRule r) throws Exception {
        sim.configure(r);
        WorkflowJob job = r.createProject(WorkflowJob.class, "deploy");
        JenkinsRule.WebClient admin = client(r, null);
        int before = sim.pe.journal().count(PeEndpoint.PLAN);
        for (Class<?> argument : ARGUMENTS) {
            String base = job.getUrl() + "descriptorByName/" + argument.getName() + "/";
            assertThat(post(r, admin, base + "checkName?value=nodes&plan=app::canary")
                            .getWebResponse()
                            .getContentAsString())
                    .contains("TargetSpec, required");
            post(r, admin, base + "fillNameItems?plan=app::canary");
        }
        assertThat(sim.pe.journal().count(PeEndpoint.PLAN) - before)
                .as("eight rows' checks and pickers, one metadata read")
                .isEqualTo(1);
    }

    @Test
    void aJobOutsideTheInstallationsFoldersGetsNothingEvenForAnAdministrator(JenkinsRule r) throws Exception {
        sim.configure(r);
        PeInstallation installation =
                PuppetEnterpriseConfiguration.get().getInstallations().get(0);
        installation.setAllowedFolders(List.of("team-a"));
        PuppetEnterpriseConfiguration.get().setInstallations(List.of(installation));
        FreeStyleProject outside = r.createProject(FreeStyleProject.class, "outside");
        JenkinsRule.WebClient admin = client(r, null);
        int requests = sim.pe.journal().size();

        for (Class<?> describable : describables()) {
            String base = outside.getUrl() + "descriptorByName/" + describable.getName() + "/";
            for (Map.Entry<String, String> method : methods(describable).entrySet()) {
                String text =
                        post(r, admin, base + method.getKey()).getWebResponse().getContentAsString();
                assertThat(text)
                        .as(describable.getSimpleName() + " " + method.getKey())
                        .doesNotContain(method.getValue())
                        .doesNotContain("Not checked");
            }
        }
        assertThat(sim.pe.journal().size()).as("PE was not asked").isEqualTo(requests);
    }

    @Test
    void aStepCredentialIsResolvedInTheJobsContextAndPeFailuresAreOneSentence(JenkinsRule r) throws Exception {
        sim.configure(r);
        CredentialsProvider.lookupStores(r.jenkins)
                .iterator()
                .next()
                .addCredentials(
                        Domain.global(),
                        new StringCredentialsImpl(
                                CredentialsScope.SYSTEM, "system-token", "PE token", Secret.fromString(sim.token)));
        WorkflowJob job = r.createProject(WorkflowJob.class, "deploy");
        JenkinsRule.WebClient admin = client(r, null);
        String step = job.getUrl() + "descriptorByName/" + PlanRunStep.class.getName() + "/";

        assertThat(post(r, admin, step + "checkPlan?value=app::nosuch&credentialsId=system-token")
                        .getWebResponse()
                        .getContentAsString())
                .as("a SYSTEM credential is for Jenkins itself, not for the job's builds")
                .contains("Not checked against PE: the credential cannot be used here.");
        assertThat(post(r, admin, step + "fillPlanItems?credentialsId=system-token")
                        .getWebResponse()
                        .getContentAsString()
                        .strip())
                .isEqualTo("[]");
        assertThat(post(
                                r,
                                admin,
                                step + "checkPlan?value=app::nosuch&credentialsId="
                                        + SimulatedPeJenkinsFixture.PASSWORD_ID)
                        .getWebResponse()
                        .getContentAsString())
                .as("a password credential mints a token for the question")
                .contains("PE lists no plan app::nosuch");
        assertThat(post(r, admin, step + "checkPlan?value=" + PLAN + "&environment=nosuch")
                        .getWebResponse()
                        .getContentAsString())
                .contains("Not checked against PE: The code environment does not exist on PE.");

        sim.pe.revokeToken(sim.token);
        assertThat(post(r, admin, step + "checkPlan?value=" + PLAN + "&environment=testing")
                        .getWebResponse()
                        .getContentAsString())
                .contains("Not checked against PE: The RBAC token has been revoked.")
                .doesNotContain("puppetlabs.rbac");
    }

    private static JenkinsRule.WebClient client(JenkinsRule r, String user) throws Exception {
        JenkinsRule.WebClient client =
                user == null ? r.createWebClient() : r.createWebClient().login(user);
        client.setThrowExceptionOnFailingStatusCode(false);
        return client;
    }

    private static Page post(JenkinsRule r, JenkinsRule.WebClient client, String path) throws Exception {
        WebRequest request = new WebRequest(new URL(r.getURL(), path), HttpMethod.POST);
        client.addCrumb(request);
        return client.getPage(request);
    }
}
