package io.jenkins.plugins.puppetenterprise.client.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Finding one deploy in the whole status object that an answer to {@code ?id=} may be (pe-api.md 3.2). */
class FullDeployStatusTest {
    private static final Instant SUBMITTED = Instant.parse("2018-05-15T17:42:30Z");

    private static JsonNode json(String text) throws Exception {
        return LenientJson.MAPPER.readTree(text.replace('\'', '"'));
    }

    private static JsonNode whole(String queues, String staged, String clients) throws Exception {
        return json("{'deploys-status':{" + queues + "},'file-sync-storage-status':{'deployed':[" + staged
                + "]},'file-sync-client-status':" + clients + "}");
    }

    private static final String NOT_SYNCED = "{'all-synced':false,'file-sync-clients':{"
            + "'compiler1.example.com':{'deployed':[{'environment':'dev','date':'2018-05-15T17:43:00Z',"
            + "'deploy-signature':'aaa111'}]},"
            + "'pe.example.com':{'deployed':[{'environment':'dev','date':'2018-05-15T17:43:00Z',"
            + "'deploy-signature':'bbb222'}]}}}";

    @Test
    void theWholeObjectIsRecognised() throws Exception {
        assertThat(FullDeployStatus.isFull(whole("'new':[]", "", NOT_SYNCED))).isTrue();
        assertThat(FullDeployStatus.isFull(json("{'environment':'dev','id':3,'status':'queued'}")))
                .isFalse();
    }

    @Test
    void aDeployIsFoundByItsIdInTheQueues() throws Exception {
        JsonNode status = whole(
                "'new':[],'queued':[{'environment':'dev','id':3,'queued-at':'2018-05-15T17:42:34.988Z'}],"
                        + "'deploying':[{'environment':'dev','id':1,'queued-at':'2018-05-15T17:40:00Z'}],"
                        + "'failed':[{'environment':'test14','id':2,'queued-at':'2018-06-01T21:28:18.292Z',"
                        + "'error':{'kind':'puppetlabs.code-manager/deploy-failure','msg':'ERROR -> Authentication"
                        + " failed'}}]",
                "",
                NOT_SYNCED);

        DeployStatus queued = FullDeployStatus.find(status, 3, "dev", null);
        assertThat(queued.status()).isEqualTo("queued");
        assertThat(queued.queuedAt()).isEqualTo(Instant.parse("2018-05-15T17:42:34.988Z"));
        DeployStatus failed = FullDeployStatus.find(status, 2, "test14", null);
        assertThat(failed.isFailed()).isTrue();
        assertThat(failed.error().msg()).contains("Authentication failed");
    }

    @Test
    void withoutIdsByEnvironmentAndAQueueTimeNoEarlierThanTheSubmission() throws Exception {
        JsonNode status = whole(
                "'failed':[{'environment':'dev','queued-at':'2018-05-15T17:00:00Z','error':{'kind':'k','msg':'old'}}],"
                        + "'deploying':[{'environment':'dev','queued-at':'2018-05-15T17:42:31Z'}]",
                "",
                NOT_SYNCED);

        DeployStatus found = FullDeployStatus.find(status, 7, "dev", SUBMITTED);

        assertThat(found.status()).as("the old failure is another deploy's").isEqualTo("deploying");
    }

    @Test
    void stagedNoEarlierThanTheSubmissionIsDeployedAndSyncedOnlyWhenEveryServerHasIt() throws Exception {
        String staged = "{'environment':'dev','date':'2018-05-15T17:43:00Z','deploy-signature':'bbb222'}";

        DeployStatus syncing = FullDeployStatus.find(whole("'new':[]", staged, NOT_SYNCED), 3, "dev", SUBMITTED);
        DeployStatus sameEverywhere = FullDeployStatus.find(
                whole("'new':[]", staged, NOT_SYNCED.replace("aaa111", "bbb222")), 3, "dev", SUBMITTED);
        DeployStatus allSynced = FullDeployStatus.find(
                whole("'new':[]", staged, "{'all-synced':true,'file-sync-clients':{}}"), 3, "dev", SUBMITTED);

        assertThat(syncing.status()).isEqualTo("syncing");
        assertThat(sameEverywhere.status()).isEqualTo("synced");
        assertThat(sameEverywhere.deploySignature()).isEqualTo("bbb222");
        assertThat(allSynced.isSynced()).isTrue();
    }

    @Test
    void whenItCannotTellItSaysSoInWords() throws Exception {
        String older = "{'environment':'dev','date':'2018-05-15T17:00:00Z','deploy-signature':'bbb222'}";
        String allSynced = "{'all-synced':true,'file-sync-clients':{}}";

        DeployStatus stagedBefore = FullDeployStatus.find(whole("'new':[]", older, allSynced), 3, "dev", SUBMITTED);
        DeployStatus noTime = FullDeployStatus.find(whole("'new':[]", older, allSynced), 3, "dev", null);

        assertThat(stagedBefore.status()).isNull();
        assertThat(stagedBefore.unclear())
                .contains("ignored the id", "does not list deploy 3 of dev", "nor has file sync staged dev since");
        assertThat(noTime.status()).isNull();
        assertThat(noTime.unclear()).contains("PE's time of the deploy request is not known");
    }
}
