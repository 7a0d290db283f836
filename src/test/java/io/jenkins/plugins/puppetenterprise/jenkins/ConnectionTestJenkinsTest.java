package io.jenkins.plugins.puppetenterprise.jenkins;

import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.TOKEN_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.domains.HostnamePortSpecification;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** "Test connection" of an installation against the PE simulator, as an administrator runs it. */
@WithJenkins
class ConnectionTestJenkinsTest {
    @RegisterExtension
    private final SimulatedPeJenkinsFixture sim = new SimulatedPeJenkinsFixture();

    private FormValidation testConnection(JenkinsRule r, String credentialsId) throws Exception {
        PeInstallation.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(PeInstallation.DescriptorImpl.class);
        return descriptor.doTestConnection(
                "production",
                null,
                sim.pe.rbacUrl().toString(),
                sim.pe.codeManagerUrl().toString(),
                sim.pe.orchestratorUrl().toString(),
                sim.pe.consoleUrl().toString(),
                sim.pe.puppetDbUrl().toString(),
                sim.pe.caPem(),
                credentialsId,
                10,
                60,
                16,
                false);
    }

    @Test
    void aReachablePeAndAGoodTokenShowTheUserAndWarnOfTheTokensNearExpiry(JenkinsRule r) throws Exception {
        sim.configure(r);

        FormValidation result = testConnection(r, TOKEN_ID);

        assertThat(result.kind).as(result.getMessage()).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(result.getMessage())
                .contains("reachable over trusted TLS")
                .contains("Token of PE user &#039;deployer&#039;")
                .contains("renew it soon")
                .doesNotContain(sim.token);
        assertThat(sim.pe.journal().count(PeEndpoint.AUTHENTICATE_TOKEN)).isEqualTo(1);
    }

    @Test
    void aCredentialWhoseDomainCoversOnlyRbacFailsAsBuildsWouldNotFindIt(JenkinsRule r) throws Exception {
        sim.configure(r);
        String rbacOnly = "localhost:" + sim.pe.rbacUrl().getPort();
        CredentialsProvider.lookupStores(r.jenkins)
                .iterator()
                .next()
                .addDomain(
                        new Domain("rbac", "RBAC only", List.of(new HostnamePortSpecification(rbacOnly, null))),
                        new StringCredentialsImpl(
                                CredentialsScope.GLOBAL, "rbac-only-token", "PE token", Secret.fromString(sim.token)));

        FormValidation result = testConnection(r, "rbac-only-token");

        assertThat(result.kind).as(result.getMessage()).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(result.getMessage())
                .contains("is in a credentials domain that does not cover every service URL of this installation")
                .contains("add the installation&#039;s hosts to the domain&#039;s specification");
        assertThat(sim.pe.journal().count(PeEndpoint.AUTHENTICATE_TOKEN))
                .as("the token is not sent where its domain does not allow it")
                .isZero();
    }
}
