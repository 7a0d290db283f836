package io.jenkins.plugins.puppetenterprise.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.domains.HostnamePortSpecification;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import java.time.Duration;
import java.time.Instant;
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

    /** A Secret text credential holding a token of the fixture's user that PE issued now, on Jenkins' clock. */
    private String tokenValidFor(JenkinsRule r, Duration lifetime, String id) throws Exception {
        sim.clock.set(Instant.now());
        String token = sim.pe.issueToken(SimulatedPeJenkinsFixture.USER, lifetime);
        CredentialsProvider.lookupStores(r.jenkins)
                .iterator()
                .next()
                .addCredentials(
                        Domain.global(),
                        new StringCredentialsImpl(CredentialsScope.GLOBAL, id, "PE token", Secret.fromString(token)));
        return token;
    }

    @Test
    void aReachablePeAndAGoodTokenShowTheUserAndWarnOnlyOfATokenNearItsExpiry(JenkinsRule r) throws Exception {
        sim.configure(r);
        String lasting = tokenValidFor(r, Duration.ofDays(30), "lasting-token");
        String expiring = tokenValidFor(r, Duration.ofDays(2), "expiring-token");

        FormValidation fine = testConnection(r, "lasting-token");
        assertThat(fine.kind).as(fine.getMessage()).isEqualTo(FormValidation.Kind.OK);
        assertThat(fine.getMessage())
                .contains("reachable over trusted TLS")
                .contains("Token of PE user &#039;deployer&#039;, valid until")
                .doesNotContain(lasting);

        FormValidation soon = testConnection(r, "expiring-token");
        assertThat(soon.kind).as(soon.getMessage()).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(soon.getMessage())
                .contains("Token of PE user &#039;deployer&#039;, expiring on")
                .contains("renew it soon")
                .doesNotContain(expiring);
        assertThat(sim.pe.journal().count(PeEndpoint.AUTHENTICATE_TOKEN)).isEqualTo(2);
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
