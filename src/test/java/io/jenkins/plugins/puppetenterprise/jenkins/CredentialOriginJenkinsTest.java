package io.jenkins.plugins.puppetenterprise.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.hudson.plugins.folder.properties.FolderCredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.Secret;
import io.jenkins.plugins.puppetenterprise.core.access.CredentialOrigin;
import java.time.Duration;
import java.util.stream.StreamSupport;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The origin of a build's credential, which keeps builds of different credentials out of one sweep:
 * folder credentials that share an ID in two folders have two origins, named by their folders'
 * stores; the installation's default credential names the root store.
 */
@WithJenkins
class CredentialOriginJenkinsTest {
    private static final String TEAM_TOKEN = "team-token";
    private static final String FOLDERS = FolderCredentialsProvider.class.getName();

    @RegisterExtension
    private final SimulatedPeJenkinsFixture sim = new SimulatedPeJenkinsFixture();

    /** A folder whose own store holds {@link #TEAM_TOKEN} with this token. */
    private static Folder folderWithToken(JenkinsRule r, String name, String token) throws Exception {
        Folder folder = r.jenkins.createProject(Folder.class, name);
        CredentialsStore store = StreamSupport.stream(
                        CredentialsProvider.lookupStores(folder).spliterator(), false)
                .filter(s -> s.getContext() == folder)
                .findFirst()
                .orElseThrow();
        store.addCredentials(
                Domain.global(),
                new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, TEAM_TOKEN, "the team's PE token", Secret.fromString(token)));
        return folder;
    }

    private static FreeStyleBuild buildIn(JenkinsRule r, Folder folder) throws Exception {
        return r.buildAndAssertSuccess(folder.createProject(FreeStyleProject.class, "deploy"));
    }

    private static PeInstallation installation() {
        return PuppetEnterpriseConfiguration.get().getInstallations().get(0);
    }

    private static String originOf(FreeStyleBuild build, String credentialsId) throws Exception {
        StandardCredentials credential = PeCredentialLookup.forRun(build, installation(), credentialsId, false);
        return PeCredentialLookup.originOf(build, credential);
    }

    private static String sweepGroupOf(FreeStyleBuild build, String credentialsId) throws Exception {
        BuildSession session = PeExecution.open(build, null, credentialsId, false);
        try {
            return session.session().sweepGroup();
        } finally {
            session.end().join();
        }
    }

    @Test
    void oneIdInTwoFoldersHasTwoOriginsAndTwoSweepGroups(JenkinsRule r) throws Exception {
        sim.configure(r);
        String otherToken = sim.pe.issueToken(SimulatedPeJenkinsFixture.USER, Duration.ofDays(2));
        FreeStyleBuild inA = buildIn(r, folderWithToken(r, "team-a", sim.token));
        FreeStyleBuild inB = buildIn(r, folderWithToken(r, "team-b", otherToken));
        FreeStyleBuild inC = buildIn(r, folderWithToken(r, "team-c", sim.token));

        assertThat(originOf(inA, TEAM_TOKEN)).isEqualTo(CredentialOrigin.inStore(FOLDERS, "team-a", TEAM_TOKEN));
        assertThat(originOf(inB, TEAM_TOKEN)).isEqualTo(CredentialOrigin.inStore(FOLDERS, "team-b", TEAM_TOKEN));
        assertThat(sweepGroupOf(inA, TEAM_TOKEN))
                .isNotEqualTo(sweepGroupOf(inB, TEAM_TOKEN))
                .as("the same token in another folder's store is another credential")
                .isNotEqualTo(sweepGroupOf(inC, TEAM_TOKEN));
        assertThat(sweepGroupOf(inA, TEAM_TOKEN))
                .as("another build with the same credential")
                .isEqualTo(sweepGroupOf(r.buildAndAssertSuccess(inA.getParent()), TEAM_TOKEN));
    }

    @Test
    void aCredentialOfAnOuterFolderNamesThatFoldersStore(JenkinsRule r) throws Exception {
        sim.configure(r);
        Folder team = folderWithToken(r, "team-a", sim.token);
        Folder web = team.createProject(Folder.class, "web");

        assertThat(originOf(buildIn(r, web), TEAM_TOKEN))
                .isEqualTo(CredentialOrigin.inStore(FOLDERS, "team-a", TEAM_TOKEN));
    }

    @Test
    void theInstallationsDefaultCredentialNamesTheRootStore(JenkinsRule r) throws Exception {
        sim.configure(r);
        FreeStyleBuild top = r.buildAndAssertSuccess(r.createFreeStyleProject("top"));

        assertThat(originOf(top, null))
                .isEqualTo(CredentialOrigin.inStore(
                        SystemCredentialsProvider.ProviderImpl.class.getName(),
                        "jenkins",
                        SimulatedPeJenkinsFixture.TOKEN_ID));
    }

    /** Stores list credentials only to those who may view them; the origin is found all the same. */
    @Test
    void theOriginIsFoundForABuildWhoseUserMayNotViewCredentials(JenkinsRule r) throws Exception {
        sim.configure(r);
        Folder team = folderWithToken(r, "team-a", sim.token);
        FreeStyleBuild build = buildIn(r, team);
        StandardCredentials credential = PeCredentialLookup.forRun(build, installation(), TEAM_TOKEN, false);
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD)
                .everywhere()
                .to("builder"));

        try (ACLContext asBuilder = ACL.as2(User.getById("builder", true).impersonate2())) {
            assertThat(team.hasPermission(CredentialsProvider.VIEW)).isFalse();
            assertThat(PeCredentialLookup.originOf(build, credential))
                    .isEqualTo(CredentialOrigin.inStore(FOLDERS, "team-a", TEAM_TOKEN));
        }
    }
}
