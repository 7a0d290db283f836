package io.jenkins.plugins.puppetenterprise.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Items;
import hudson.model.Result;
import hudson.util.FormValidation;
import io.jenkins.plugins.puppetenterprise.jenkins.deploy.CodeDeployBuilder;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockFolder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** An installation restricted to folders: who may use it, and entries that follow folders. */
@WithJenkins
class AllowedFoldersJenkinsTest {
    private static final String DEPLOY = "puppetCodeDeploy environments: ['testing']";

    @RegisterExtension
    private final SimulatedPeJenkinsFixture sim = new SimulatedPeJenkinsFixture();

    private void restrictTo(JenkinsRule r, String... folders) throws Exception {
        sim.configure(r);
        PeInstallation installation =
                PuppetEnterpriseConfiguration.get().getInstallations().get(0);
        installation.setAllowedFolders(List.of(folders));
        PuppetEnterpriseConfiguration.get().setInstallations(List.of(installation));
    }

    private static WorkflowJob pipeline(MockFolder folder, String name) throws Exception {
        WorkflowJob job = folder.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(DEPLOY, true));
        return job;
    }

    private List<String> allowedFolders() {
        return PuppetEnterpriseConfiguration.get().getInstallations().get(0).getAllowedFolders();
    }

    @Test
    void aJobInsideAnAllowedFolderAtAnyDepthDeploys(JenkinsRule r) throws Exception {
        restrictTo(r, "team-a");
        MockFolder web = r.createFolder("team-a").createProject(MockFolder.class, "web");

        r.buildAndAssertSuccess(pipeline(web, "deploy"));

        assertThat(sim.pe.journal().entries(PeEndpoint.DEPLOYS)).hasSize(1);
    }

    @Test
    void aJobOutsideFailsBeforeAnyRequestNamingTheInstallationAndTheSetting(JenkinsRule r) throws Exception {
        restrictTo(r, "team-a");
        WorkflowJob outside = pipeline(r.createFolder("team-ab"), "deploy");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, outside);

        r.assertLogContains("'production' may only be used by jobs in the folders team-a", b);
        r.assertLogContains("'Allowed folders'", b);
        r.assertLogContains("'team-ab/deploy' is not in any of them", b);
        assertThat(sim.pe.journal().entries()).isEmpty();
    }

    @Test
    void aJobOutsideThatNamesNoServerDoesNotFallBackToAnotherInstallation(JenkinsRule r) throws Exception {
        restrictTo(r, "team-a");
        PeInstallation open = new PeInstallation("open", null);
        PeInstallation restricted =
                PuppetEnterpriseConfiguration.get().getInstallations().get(0);
        open.setRbacUrl(restricted.getRbacUrl());
        open.setCodeManagerUrl(restricted.getCodeManagerUrl());
        open.setOrchestratorUrl(restricted.getOrchestratorUrl());
        open.setCaCertificates(restricted.getCaCertificates());
        open.setCredentialsId(restricted.getCredentialsId());
        PuppetEnterpriseConfiguration.get().setInstallations(List.of(restricted, open));
        WorkflowJob top = r.createProject(WorkflowJob.class, "top");
        top.setDefinition(new CpsFlowDefinition(DEPLOY, true));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, top);

        r.assertLogContains("'production' may only be used by jobs in the folders team-a", b);
        assertThat(sim.pe.journal().entries()).isEmpty();
    }

    @Test
    void freestyleBuildStepsAreRestrictedTheSameWay(JenkinsRule r) throws Exception {
        restrictTo(r, "team-a");
        FreeStyleProject outside = r.createFolder("team-b").createProject(FreeStyleProject.class, "deploy");
        CodeDeployBuilder deploy = new CodeDeployBuilder();
        deploy.setEnvironments(List.of("testing"));
        outside.getBuildersList().add(deploy);

        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, outside);

        r.assertLogContains("may only be used by jobs in the folders team-a", b);
        assertThat(sim.pe.journal().entries()).isEmpty();
    }

    @Test
    void entriesFollowARenamedOrMovedFolder(JenkinsRule r) throws Exception {
        restrictTo(r, "team-a", "team-a/web");
        MockFolder teamA = r.createFolder("team-a");
        MockFolder web = teamA.createProject(MockFolder.class, "web");
        WorkflowJob job = pipeline(web, "deploy");

        teamA.renameTo("team-a2");
        assertThat(allowedFolders()).containsExactly("team-a2", "team-a2/web");
        MockFolder groups = r.createFolder("groups");
        Items.move(teamA, groups);
        assertThat(allowedFolders()).containsExactly("groups/team-a2", "groups/team-a2/web");

        r.buildAndAssertSuccess(job);
        assertThat(r.jenkins.getItemByFullName("groups/team-a2/web/deploy")).isSameAs(job);
    }

    @Test
    void aDeletedFolderIsDroppedAndAFolderCreatedUnderItsNameIsNotTrusted(JenkinsRule r) throws Exception {
        restrictTo(r, "team-a", "team-b");
        r.createFolder("team-a").delete();
        assertThat(allowedFolders()).containsExactly("team-b");

        WorkflowJob impostor = pipeline(r.createFolder("team-a"), "deploy");
        r.buildAndAssertStatus(Result.FAILURE, impostor);

        r.createFolder("team-b").delete();
        assertThat(allowedFolders())
                .as("the last entry stays, marked, so that no job may use it rather than every job")
                .containsExactly("[deleted] team-b");
        WorkflowJob later = pipeline(r.createFolder("team-b"), "deploy");
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, later);
        r.assertLogContains("folders that have since been deleted", b);
        assertThat(sim.pe.journal().entries(PeEndpoint.DEPLOYS)).isEmpty();
    }

    @Test
    void namesOfFoldersThatDoNotExistYetAreSavedAndWarnedAbout(JenkinsRule r) throws Exception {
        restrictTo(r, "created-later-by-job-dsl");
        assertThat(allowedFolders()).containsExactly("created-later-by-job-dsl");
        PeInstallation.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(PeInstallation.DescriptorImpl.class);

        FormValidation missing = descriptor.doCheckAllowedFolders("created-later-by-job-dsl");
        assertThat(missing.kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(missing.getMessage()).contains("No folder named created-later-by-job-dsl exists yet");

        r.createFolder("created-later-by-job-dsl");
        assertThat(descriptor.doCheckAllowedFolders("created-later-by-job-dsl").kind)
                .isEqualTo(FormValidation.Kind.OK);
    }

    @Test
    void theStepFormsOfferOnlyInstallationsTheJobMayUse(JenkinsRule r) throws Exception {
        restrictTo(r, "team-a");
        WorkflowJob outside = pipeline(r.createFolder("elsewhere"), "deploy");
        WorkflowJob inside = pipeline(r.createFolder("team-a"), "deploy");

        List<String> offeredOutside = new ArrayList<>();
        StepForms.serverItems(outside, "").forEach(o -> offeredOutside.add(o.value));
        List<String> offeredInside = new ArrayList<>();
        StepForms.serverItems(inside, "").forEach(o -> offeredInside.add(o.value));

        assertThat(offeredOutside).containsExactly("");
        assertThat(offeredInside).containsExactly("", "production");
        assertThat(PeCredentialLookup.itemsFor(outside, "", "production"))
                .extracting(o -> o.value)
                .doesNotContain(SimulatedPeJenkinsFixture.TOKEN_ID, SimulatedPeJenkinsFixture.PASSWORD_ID);
        assertThat(PeCredentialLookup.itemsFor(inside, "", "production"))
                .extracting(o -> o.value)
                .contains(SimulatedPeJenkinsFixture.TOKEN_ID, SimulatedPeJenkinsFixture.PASSWORD_ID);
    }

    @Test
    void theFormRoundTripKeepsTheFolders(JenkinsRule r) throws Exception {
        restrictTo(r, "team-a", "team-b/web");

        r.configRoundtrip();

        assertThat(allowedFolders()).containsExactly("team-a", "team-b/web");
    }
}
