package io.jenkins.plugins.puppetenterprise.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.client.deploy.DeployRequest;
import io.jenkins.plugins.puppetenterprise.client.deploy.DeployResult;
import io.jenkins.plugins.puppetenterprise.client.deploy.DeployStatus;
import io.jenkins.plugins.puppetenterprise.client.plan.OrchestratorClient;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanEvent;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanEvents;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanJob;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanMetadata;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanParameter;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanRunRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lenient parsing of PE's answers (pe-api.md section 7) and the request bodies the client sends. */
class PeResultParsingTest {

    private static JsonNode json(String text) {
        return PeErrorTranslator.parseOrNull(text.replace('\'', '"'));
    }

    @Test
    void completedDeployCarriesSignatureAndCommits() {
        DeployResult result = DeployResult.from(
                json(
                        "{'environment':'production','id':3,'status':'complete',"
                                + "'deploy-signature':'482f8d','file-sync':{'environment-commit':'693988','code-commit':'ce5f71'}}"),
                null);

        assertThat(result)
                .isEqualTo(new DeployResult("production", 3L, "complete", "482f8d", "693988", "ce5f71", null, null));
        assertThat(result.isComplete()).isTrue();
        assertThat(result.isFailed()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"corrected-name", "corrected-env-name", "env-name"})
    void failedDeployFindsTheCorrectedNameUnderAnyHistoricalKey(String key) {
        DeployResult result = DeployResult.from(
                json("{'environment':'nosuchenv','id':'4','status':'failed','error':{"
                        + "'kind':'puppetlabs.code-manager/deploy-failure','msg':'cannot be found','details':{'" + key
                        + "':'nosuchenv'}}}"),
                null);

        assertThat(result.id()).isEqualTo(4L);
        assertThat(result.isFailed()).isTrue();
        assertThat(result.error().correctedName()).isEqualTo("nosuchenv");
        assertThat(result.error().knownKind()).isEqualTo(PeErrorKind.DEPLOY_FAILURE);
    }

    @Test
    void deployErrorDetailsMayBeAStringOrNull() {
        PeError asString = PeError.from(json("{'kind':'k','msg':'m','details':'r10k output'}"));
        PeError asNull = PeError.from(json("{'kind':'k','msg':'m','details':null}"));
        PeError missing = PeError.from(json("{'kind':'k','msg':'m'}"));

        assertThat(asString.details().asText()).isEqualTo("r10k output");
        assertThat(asString.correctedName()).isNull();
        assertThat(asNull.details().isNull()).isTrue();
        assertThat(missing.details().isNull()).isTrue();
    }

    @Test
    void dryRunEntriesHaveOnlyTheEnvironmentAndProjectIsAcceptedForEnvironment() {
        assertThat(DeployResult.from(json("{'environment':'development'}"), null)
                        .id())
                .isNull();
        assertThat(DeployResult.from(json("{'project':'p1','id':1,'status':'queued'}"), null)
                        .environment())
                .isEqualTo("p1");
    }

    @Test
    void deployStatusKnowsItsTerminalStates() {
        DeployStatus syncing = DeployStatus.from(
                json("{'environment':'production','id':1,'status':'syncing','queued-at':'2018-05-10T21:44:25.000Z'}"));
        DeployStatus synced = DeployStatus.from(json("{'environment':'production','id':1,'status':'synced'}"));

        assertThat(syncing.isTerminal()).isFalse();
        assertThat(syncing.queuedAt()).isEqualTo(Instant.parse("2018-05-10T21:44:25Z"));
        assertThat(synced.isSynced()).isTrue();
        assertThat(synced.isTerminal()).isTrue();
    }

    @Test
    void planJobIsReadLeniently() {
        PlanJob job = PlanJob.from(json("{'name':'1234','state':'failure','options':{'description':'Jenkins #57',"
                + "'plan_name':'canary','parameters':{'nodes':['n1']},'environment':'production','sensitive':['secret']},"
                + "'result':{'kind':'bolt/run-failure','msg':'Plan aborted','details':{}},'owner':{'login':'admin'},"
                + "'timestamp':'2024-05-20T16:45:31Z','created_timestamp':'2024-05-20T16:44:31.123Z',"
                + "'duration':'5.5','userdata':{'marker':'abc'}}"));

        assertThat(job.name()).isEqualTo("1234");
        assertThat(job.isFailure()).isTrue();
        assertThat(job.isTerminal()).isTrue();
        assertThat(job.planName()).isEqualTo("canary");
        assertThat(job.environment()).isEqualTo("production");
        assertThat(job.description()).isEqualTo("Jenkins #57");
        assertThat(job.sensitive()).containsExactly("secret");
        assertThat(job.owner()).isEqualTo("admin");
        assertThat(job.createdTimestamp()).isEqualTo(Instant.parse("2024-05-20T16:44:31.123Z"));
        assertThat(job.durationSeconds()).isEqualTo(5.5);
        assertThat(job.userdata().path("marker").asText()).isEqualTo("abc");
        assertThat(job.resultError().msg()).isEqualTo("Plan aborted");
        assertThat(job.toString()).doesNotContain("n1");
    }

    @Test
    void unknownAndPendingPlanStatesAreNotTerminal() {
        assertThat(PlanJob.from(json("{'name':'1','state':'pending'}")).isTerminal())
                .isFalse();
        assertThat(PlanJob.from(json("{'name':'1','state':'frobnicating'}")).isTerminal())
                .isFalse();
        assertThat(PlanJob.from(json("{'name':'1','state':'success','result':'done'}"))
                        .resultError())
                .isNull();
    }

    @Test
    void eventIdsAreTextButNumbersAreAccepted() {
        PlanEvent fromText = PlanEvent.from(json("{'id':'1274','type':'out_message','timestamp':'2016-05-05T19:50:10Z',"
                + "'details':{'message':'Deploying'}}"));
        PlanEvent fromNumber = PlanEvent.from(json("{'id':1275,'type':'task_start','details':{'job-id':8765}}"));
        PlanEvent end = PlanEvent.from(
                json("{'id':'1276','type':'plan_finished','details':{'plan-id':352,'result':{'output':'done'}}}"));

        assertThat(fromText.id()).isEqualTo("1274");
        assertThat(fromText.message()).isEqualTo("Deploying");
        assertThat(fromNumber.id()).isEqualTo("1275");
        assertThat(fromNumber.numericId()).isEqualTo(1275);
        assertThat(fromNumber.jobId()).isEqualTo("8765");
        assertThat(end.isPlanEnd()).isTrue();
        assertThat(end.result().path("output").asText()).isEqualTo("done");
        assertThat(new PlanEvents(List.of(fromText, fromNumber, end), "1273").highestId())
                .isEqualTo(1276);
    }

    @Test
    void planMetadataHasParametersDefaultsAndFlags() {
        PlanMetadata plan =
                PlanMetadata.from(json("{'name':'canary','environment':{'name':'production'},'permitted':true,"
                        + "'metadata':{'description':'Roll out','private':false,'parameters':{"
                        + "'nodes':{'type':'TargetSpec','description':'Nodes'},'command':{'type':'String[1]'},"
                        + "'canary':{'type':'Integer','default_value':1},'note':{'type':'Optional[String]'},"
                        + "'password':{'type':'Sensitive[String]','sensitive':true},'anything':{}}}}"));

        assertThat(plan.permitted()).isTrue();
        assertThat(plan.environment()).isEqualTo("production");
        assertThat(plan.description()).isEqualTo("Roll out");
        assertThat(plan.parameters()).containsOnlyKeys("nodes", "command", "canary", "note", "password", "anything");
        assertThat(plan.parameters().get("canary").defaultValue().asInt()).isEqualTo(1);
        assertThat(plan.parameters().get("anything").type()).isEqualTo("Any");
        assertThat(plan.requiredParameters()).containsExactly("nodes", "command", "password");
        assertThat(plan.sensitiveParameters()).containsExactly("password");
    }

    @Test
    void emptyPlanMetadataIsFine() {
        PlanMetadata plan = PlanMetadata.from(json("{'name':'x','permitted':false,'metadata':{}}"));
        assertThat(plan.parameters()).isEmpty();
        assertThat(plan.permitted()).isFalse();
    }

    @Test
    void tokenInfoHasWhoAndExpiry() {
        TokenInfo info =
                TokenInfo.from(json("{'id':'c84b','user_id':'c84b','login':'deployer','display_name':'Deploy Bot',"
                        + "'is_superuser':false,'is_revoked':false,'creation':'2024-03-01T22:24:30Z',"
                        + "'expiration':'2024-03-02T02:24:30Z','label':'jenkins 1'}"));

        assertThat(info.login()).isEqualTo("deployer");
        assertThat(info.expiration()).isEqualTo(Instant.parse("2024-03-02T02:24:30Z"));
        assertThat(info.label()).isEqualTo("jenkins 1");
    }

    @Test
    void planItemIdGivesTheMetadataPath() {
        assertThat(OrchestratorClient.metadataPath("https://pe:8143/orchestrator/v1/plans/canary/init"))
                .isEqualTo("canary/init");
        assertThat(OrchestratorClient.metadataPath("https://other:1/orchestrator/v1/plans/a/b/c"))
                .isEqualTo("a/b/c");
        assertThat(OrchestratorClient.metadataPath("not a url")).isNull();
        assertThat(OrchestratorClient.metadataPath(null)).isNull();
    }

    @Test
    void plainPlanRunSendsValuesUnwrappedAndOmitsUnsetKeys() {
        Map<String, PlanParameter> params = new LinkedHashMap<>();
        params.put("nodes", PlanParameter.value(List.of("n1", "n2")));
        params.put("canary", PlanParameter.value(1));
        PlanRunRequest run = PlanRunRequest.of("canary", params);

        assertThat(run.needsEnvironmentPlanRun()).isFalse();
        assertThat(run.toJson()).isEqualTo(json("{'plan_name':'canary','params':{'nodes':['n1','n2'],'canary':1}}"));
    }

    @Test
    void queryOrNodeGroupParametersWrapEveryParameter() {
        Map<String, PlanParameter> params = new LinkedHashMap<>();
        params.put("message", PlanParameter.value("hello"));
        params.put("settings", PlanParameter.value(Map.of("value", "xyz")));
        params.put("targets", PlanParameter.query("nodes[certname] {}"));
        params.put("more", PlanParameter.nodeGroup("00000000-0000-4000-8000-000000000000"));
        PlanRunRequest run = PlanRunRequest.of("example_plan", params)
                .withEnvironment("production")
                .withDescription("Jenkins #1")
                .withTimeout(Duration.ofMinutes(5))
                .withUserdata(json("{'marker':'m-1'}"));

        assertThat(run.needsEnvironmentPlanRun()).isTrue();
        assertThat(run.toJson())
                .isEqualTo(json("{'plan_name':'example_plan','params':{'message':{'value':'hello'},"
                        + "'settings':{'value':{'value':'xyz'}},'targets':{'type':'query','value':'nodes[certname] {}'},"
                        + "'more':{'type':'node_group','value':'00000000-0000-4000-8000-000000000000'}},"
                        + "'environment':'production','description':'Jenkins #1','timeout':300,"
                        + "'userdata':{'marker':'m-1'}}"));
        assertThat(run.toString()).doesNotContain("hello").doesNotContain("xyz");
    }

    @Test
    void badPlanRunsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> PlanRunRequest.of(" ", Map.of())).hasMessageContaining("Plan name is empty");
        assertThatThrownBy(() -> PlanParameter.query(" ")).hasMessageContaining("query parameter needs");
        assertThatThrownBy(() -> PlanRunRequest.of("p", Map.of()).withTimeout(Duration.ZERO))
                .hasMessageContaining("timeout must be positive");
        assertThatThrownBy(() -> PlanRunRequest.of("p", Map.of()).withUserdata(json("[1]")))
                .hasMessageContaining("userdata must be a JSON object");
    }

    @Test
    void deployRequestBodiesUsePeKeyNames() {
        assertThat(DeployRequest.of(List.of("production", "testing")).toJson())
                .isEqualTo(json("{'environments':['production','testing']}"));
        assertThat(DeployRequest.all()
                        .withWait(true)
                        .withDeployModules(false)
                        .withModules(List.of("apache", "ntp"))
                        .toJson())
                .isEqualTo(json("{'deploy-all':true,'wait':true,'deploy-modules':false,'modules':'apache,ntp'}"));
        assertThat(new DeployRequest(List.of(), false, false, true, null, List.of()).toJson())
                .isEqualTo(json("{'dry-run':true}"));
    }

    @Test
    void badDeployRequestsAreRefused() {
        assertThatThrownBy(() -> DeployRequest.of(List.of())).hasMessageContaining("No environment to deploy");
        assertThatThrownBy(() -> new DeployRequest(List.of("a"), true, false, false, null, List.of()))
                .hasMessageContaining("either environments or deploy-all");
        assertThatThrownBy(() -> DeployRequest.of(java.util.Arrays.asList("a", " ")))
                .hasMessageContaining("environment name is empty");
    }

    @Test
    void secretsAreRedacted() {
        PeSecret secret = PeSecret.of("s3cret-token");
        PeCredentials token = new PeCredentials.Token(secret);
        PeCredentials password =
                new PeCredentials.Password("bob", PeSecret.of("hunter22"), Duration.ofHours(1), "jenkins job #1");

        assertThat(secret.toString()).isEqualTo("****");
        assertThat(token.toString()).doesNotContain("s3cret-token");
        assertThat(password.toString()).doesNotContain("hunter22").doesNotContain("bob");
    }
}
