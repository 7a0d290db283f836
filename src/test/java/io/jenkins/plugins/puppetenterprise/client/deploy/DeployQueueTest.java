package io.jenkins.plugins.puppetenterprise.client.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The deploy queue of the whole {@code GET /deploys/status} (pe-api.md 3.2), read for sweeps. */
class DeployQueueTest {
    private static JsonNode json(String text) throws Exception {
        return LenientJson.MAPPER.readTree(text.replace('\'', '"'));
    }

    @Test
    void newQueuedAndDeployingAreUnfinishedAndFailedApart() throws Exception {
        DeployQueue queue = DeployQueue.from(json("{'deploys-status':{"
                        + "'new':[{'environment':'a','id':5,'queued-at':'2018-05-15T17:42:34.988Z'}],"
                        + "'queued':[{'environment':'dev','id':3,'queued-at':'2018-05-15T17:42:34.988Z'}],"
                        + "'deploying':[{'environment':'test','id':1,'queued-at':'2018-05-15T17:42:34.988Z'}],"
                        + "'failed':[{'environment':'test14','id':2,'queued-at':'2018-06-01T21:28:18.292Z',"
                        + "'error':{'kind':'puppetlabs.code-manager/deploy-failure','msg':'x'}}]}}"))
                .orElseThrow();

        assertThat(queue.unfinished()).extracting(DeployQueue.Entry::id).containsExactly(5L, 3L, 1L);
        assertThat(queue.failed())
                .containsExactly(new DeployQueue.Entry("test14", 2L, Instant.parse("2018-06-01T21:28:18.292Z")));
    }

    @Test
    void entriesWithoutIdsOrQueueTimesAndProjectsInPlaceOfEnvironmentsAreKept() throws Exception {
        DeployQueue queue = DeployQueue.from(json("{'deploys-status':{'new':[],'queued':[],"
                        + "'deploying':[{'project':'dev'},'not an entry'],'failed':[]}}"))
                .orElseThrow();

        assertThat(queue.unfinished()).containsExactly(new DeployQueue.Entry("dev", null, null));
    }

    @Test
    void anAnswerWithoutTheFourArraysCannotServe() throws Exception {
        assertThat(DeployQueue.from(json("{'file-sync-storage-status':{'deployed':[]}}")))
                .isEmpty();
        assertThat(DeployQueue.from(json("{'deploys-status':{'queued':[],'deploying':[],'failed':[]}}")))
                .as("no new array")
                .isEmpty();
        assertThat(DeployQueue.from(json("{'deploys-status':{'new':[],'queued':{},'deploying':[],'failed':[]}}")))
                .isEmpty();
    }

    private static final String QUEUES = "'deploys-status':{'new':[],'queued':[],'deploying':[],'failed':[]}";

    private static final Instant QUEUED = Instant.parse("2018-05-11T21:00:00Z");

    @Test
    void aDeployMayBeSyncedEverywhereOnceEveryServersCodeOfItsEnvironmentWentLiveAfterItWasQueued() throws Exception {
        DeployQueue queue = DeployQueue.from(json("{" + QUEUES + ",'file-sync-storage-status':{'deployed':["
                        + "{'environment':'prod','date':'2018-05-11T21:44:24Z','deploy-signature':'new'}]},"
                        + "'file-sync-client-status':{'all-synced':false,'file-sync-clients':{"
                        + "'a':{'deployed':[{'environment':'prod','date':'2018-05-11T21:45:00Z'},"
                        + "{'environment':'dev','date':'2018-05-11T21:45:00Z'}]},"
                        + "'b':{'deployed':[{'environment':'prod','date':'2018-05-11T21:10:00Z'},"
                        + "{'environment':'prod','date':'2018-05-10T21:10:00Z'},"
                        + "{'environment':'test','date':'2018-05-11T22:00:00Z'}]}}}}"))
                .orElseThrow();

        assertThat(queue.syncShown()).isTrue();
        assertThat(queue.liveEverywhereSince())
                .as("the earliest server's newest; environments a server lacks are missing")
                .containsExactly(java.util.Map.entry("prod", Instant.parse("2018-05-11T21:10:00Z")));
        assertThat(queue.mayBeSyncedEverywhere("prod", QUEUED)).isTrue();
        assertThat(queue.mayBeSyncedEverywhere("prod", Instant.parse("2018-05-11T21:30:00Z")))
                .as("server b's code of prod went live before that deploy was queued")
                .isFalse();
        assertThat(queue.mayBeSyncedEverywhere("dev", QUEUED))
                .as("not live on b")
                .isFalse();
    }

    @Test
    void allSyncedMeansEveryStagedEnvironmentAndWithoutClientStatusSyncMayHaveHappenedAnywhere() throws Exception {
        String staged = ",'file-sync-storage-status':{'deployed':["
                + "{'environment':'prod','date':'2018-05-11T21:44:24Z','deploy-signature':'s'}]}";
        DeployQueue allSynced = DeployQueue.from(json("{" + QUEUES + staged
                        + ",'file-sync-client-status':{'all-synced':true,'file-sync-clients':{}}}"))
                .orElseThrow();
        DeployQueue unknown =
                DeployQueue.from(json("{" + QUEUES + staged + "}")).orElseThrow();

        assertThat(allSynced.mayBeSyncedEverywhere("prod", QUEUED)).isTrue();
        assertThat(allSynced.staged()).extracting(StagedDeploy::deploySignature).containsExactly("s");
        assertThat(unknown.syncShown()).isFalse();
        assertThat(unknown.mayBeSyncedEverywhere("prod", QUEUED)).isTrue();
        assertThat(allSynced.surelySyncedEverywhere("prod")).isTrue();
        assertThat(unknown.surelySyncedEverywhere("prod"))
                .as("nothing shown, nothing sure")
                .isFalse();
    }

    /**
     * Sure only where every server has the newest staged code live by signature: a later live date
     * may be an earlier deploy's code that went live after ours was queued.
     */
    @Test
    void aDeployIsSurelySyncedEverywhereOnlyWhereEveryServerHasItsEnvironmentsNewestStagedSignatureLive()
            throws Exception {
        DeployQueue queue = DeployQueue.from(json("{" + QUEUES + ",'file-sync-storage-status':{'deployed':["
                        + "{'environment':'prod','date':'2018-05-11T21:44:24Z','deploy-signature':'p2'},"
                        + "{'environment':'dev','date':'2018-05-11T21:44:24Z','deploy-signature':'d2'},"
                        + "{'environment':'test','date':'2018-05-11T21:44:24Z'}]},"
                        + "'file-sync-client-status':{'all-synced':false,'file-sync-clients':{"
                        + "'a':{'deployed':[{'environment':'prod','date':'2018-05-11T21:45:00Z','deploy-signature':'p2'},"
                        + "{'environment':'dev','date':'2018-05-11T21:45:00Z','deploy-signature':'d2'},"
                        + "{'environment':'test','date':'2018-05-11T21:45:00Z'}]},"
                        + "'b':{'deployed':[{'environment':'prod','date':'2018-05-11T21:46:00Z','deploy-signature':'p2'},"
                        + "{'environment':'dev','date':'2018-05-11T21:46:00Z','deploy-signature':'d1'},"
                        + "{'environment':'test','date':'2018-05-11T21:46:00Z'}]}}}}"))
                .orElseThrow();

        assertThat(queue.surelySyncedEverywhere("prod")).isTrue();
        assertThat(queue.mayBeSyncedEverywhere("dev", QUEUED))
                .as("b's code of dev went live late enough")
                .isTrue();
        assertThat(queue.surelySyncedEverywhere("dev"))
                .as("but it is an earlier deploy's")
                .isFalse();
        assertThat(queue.surelySyncedEverywhere("test"))
                .as("without signatures, dates are only a guess")
                .isFalse();
        assertThat(queue.surelySyncedEverywhere("stage")).isFalse();
    }
}
