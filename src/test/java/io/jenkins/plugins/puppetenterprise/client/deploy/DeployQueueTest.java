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
}
