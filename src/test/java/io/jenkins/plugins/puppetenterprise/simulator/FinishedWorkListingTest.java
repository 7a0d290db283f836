package io.jenkins.plugins.puppetenterprise.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.simulator.job.JobApiRelease;
import io.jenkins.plugins.puppetenterprise.simulator.job.JobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lists a sweep reads (pe-api.md 4.4, pe-api-jobs.md 4.9.5): what finished since T, oldest
 * change first, page by page over 10,000 jobs, also while more jobs finish between the pages; and
 * the modes of releases and roles that cannot serve them.
 */
class FinishedWorkListingTest {
    private static final String V1 = "/orchestrator/v1";
    private static final String PLAN = "app::deploy";
    private static final String NODE = "web01.example.com";
    private static final int MANY = 10_000;
    private static final int PAGE = 500;
    private static final int SENDERS = 4;
    /** Long enough for a walk of {@value #MANY} items, far too short for work quadratic in them per request. */
    private static final Duration WALK_BOUND = Duration.ofSeconds(10);

    private final FakeClock clock = new FakeClock();
    private PeSimulator pe;
    private PeTestClient client;
    private String token;

    @BeforeEach
    void start() {
        pe = PeSimulator.start(clock);
        pe.addUser("deployer", "s3cret", UserPermissions.deployer());
        token = pe.issueToken("deployer", Duration.ofDays(30));
        client = new PeTestClient(pe);
        pe.addPlan(PlanSpec.named(PLAN));
        pe.addNode(NODE, "production");
    }

    @AfterEach
    void stop() {
        pe.close();
    }

    private PeTestClient.Answer get(String path) {
        return client.get(pe.orchestratorUrl(), V1 + path, token);
    }

    /**
     * Job {@code i} runs {@code 1 + (i * 7919) % (count / 2)} seconds: finish order differs from
     * start order, and every finish second is shared by two jobs (ties go by id).
     */
    private static Duration runFor(int i, int count) {
        return Duration.ofSeconds(1 + (i * 7919L) % (count / 2));
    }

    private List<String> startPlans(int count) {
        AtomicInteger started = new AtomicInteger();
        pe.scriptPlan(PLAN, parameters -> PlanJobScript.succeeding(runFor(started.getAndIncrement(), count)));
        return startAll(count, () -> {
            PeTestClient.Answer answer = client.post(
                    pe.orchestratorUrl(), V1 + "/command/plan_run", token, "{\"plan_name\": \"" + PLAN + "\"}");
            assertThat(answer.status()).as(answer.body()).isEqualTo(202);
            return answer.json().get("name").textValue();
        });
    }

    private List<String> startPuppetRuns(int count) {
        for (int i = 0; i < count; i++) {
            pe.scriptNextJob(JobScript.allFinishing(runFor(i, count)));
        }
        return startAll(count, () -> {
            PeTestClient.Answer answer = client.post(
                    pe.orchestratorUrl(),
                    V1 + "/command/deploy",
                    token,
                    "{\"environment\": \"production\", \"scope\": {\"nodes\": [\"" + NODE + "\"]}}");
            assertThat(answer.status()).as(answer.body()).isEqualTo(202);
            return answer.json().at("/job/name").textValue();
        });
    }

    /** Sends {@code count} start requests over a few connections at once (each job's script does not depend on the order). */
    private static List<String> startAll(int count, Callable<String> start) {
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<String>> names = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                names.add(senders.submit(start));
            }
            List<String> started = new ArrayList<>();
            for (Future<String> name : names) {
                started.add(name.get(60, TimeUnit.SECONDS));
            }
            return started;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("could not start the jobs", e);
        } finally {
            senders.shutdownNow();
        }
    }

    /**
     * Reads {@code path} (a query ending in {@code &}) page by page as a sweep does, until a short
     * page, running {@code betweenPages} before each next page; checks each page's {@code pagination}.
     */
    private List<JsonNode> walk(String path, Runnable betweenPages) {
        List<JsonNode> items = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            JsonNode page = get(path + "limit=" + PAGE + "&offset=" + offset).json();
            assertThat(page.at("/pagination/limit").intValue()).isEqualTo(PAGE);
            assertThat(page.at("/pagination/offset").intValue()).isEqualTo(offset);
            assertThat(page.at("/pagination/total").intValue())
                    .as("total counts every match, not the page")
                    .isGreaterThanOrEqualTo(offset + page.get("items").size());
            page.get("items").forEach(items::add);
            if (page.get("items").size() < PAGE) {
                return items;
            }
            betweenPages.run();
        }
    }

    /** Finish times never go back, and jobs that finished at the same time come by id. */
    private static void assertOldestChangeFirst(List<JsonNode> items) {
        for (int i = 1; i < items.size(); i++) {
            Instant before =
                    Instant.parse(items.get(i - 1).get("finished_timestamp").textValue());
            Instant after = Instant.parse(items.get(i).get("finished_timestamp").textValue());
            assertThat(after).as("item %d", i).isAfterOrEqualTo(before);
            if (after.equals(before)) {
                assertThat(Long.parseLong(items.get(i).get("name").textValue()))
                        .isGreaterThan(
                                Long.parseLong(items.get(i - 1).get("name").textValue()));
            }
        }
    }

    private static Set<String> names(List<JsonNode> items) {
        Set<String> names = new HashSet<>();
        items.forEach(item -> assertThat(names.add(item.get("name").textValue()))
                .as("listed once: %s", item.get("name"))
                .isTrue());
        return names;
    }

    /** The walk of every finished job, timed. */
    private List<JsonNode> timedWalk(String what, String path) {
        long began = System.nanoTime();
        List<JsonNode> items = walk(path, () -> {});
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        System.out.println(what + ": walked " + items.size() + " items in " + took.toMillis() + " ms");
        assertThat(took).isLessThan(WALK_BOUND);
        return items;
    }

    @Test
    void tenThousandPlanJobsArePagedOldestFinishFirstAlsoWhileMoreFinish() {
        Instant startedAt = clock.instant();
        long began = System.nanoTime();
        List<String> all = startPlans(MANY);
        System.out.println("started " + MANY + " plan jobs in " + (System.nanoTime() - began) / 1_000_000 + " ms");
        String since =
                "/plan_jobs?min_finish_timestamp=" + startedAt + "&order_by=timestamp&order=asc&results=exclude&";

        clock.advance(Duration.ofSeconds(MANY / 4)); // about half have finished
        List<JsonNode> whileFinishing = walk(since, () -> clock.advance(Duration.ofSeconds(100)));
        long finishedByTheLastPage = pe.planJobs().stream()
                .filter(job -> !job.finishedAt().isAfter(clock.instant()))
                .count();
        assertThat(names(whileFinishing))
                .as("every job that finished before the walk ended, none skipped as the list grew behind it")
                .hasSize((int) finishedByTheLastPage);
        assertThat(finishedByTheLastPage).isBetween((long) MANY / 2, (long) MANY - 1);
        assertOldestChangeFirst(whileFinishing);
        assertThat(whileFinishing)
                .allSatisfy(item -> assertThat(item.has("result")).isFalse());

        clock.advance(Duration.ofSeconds(MANY));
        List<JsonNode> everything = timedWalk("plan jobs", since);
        assertThat(names(everything)).containsExactlyInAnyOrderElementsOf(all);
        assertOldestChangeFirst(everything);
        assertThat(get("/plan_jobs?limit=1&results=include")
                        .json()
                        .at("/items/0")
                        .has("result"))
                .isTrue();
        JsonNode later = get("/plan_jobs?min_finish_timestamp=" + clock.instant() + "&limit=1")
                .json();
        assertThat(later.get("items")).isEmpty();
        assertThat(later.at("/pagination/total").intValue()).isZero();
    }

    @Test
    void tenThousandJobsArePagedOldestChangeFirstAlsoWhileMoreFinish() {
        Instant startedAt = clock.instant();
        long began = System.nanoTime();
        List<String> all = startPuppetRuns(MANY);
        System.out.println(
                "started " + MANY + " Puppet-run jobs in " + (System.nanoTime() - began) / 1_000_000 + " ms");
        String since = "/jobs?min_finish_timestamp=" + startedAt + "&order_by=timestamp&order=asc&";

        clock.advance(Duration.ofSeconds(MANY / 4));
        List<JsonNode> whileFinishing = walk(since, () -> clock.advance(Duration.ofSeconds(100)));
        Instant end = clock.instant();
        long finishedByTheLastPage = all.stream()
                .filter(name -> pe.jobState(name).orElseThrow().equals("finished"))
                .count();
        assertThat(names(whileFinishing)).hasSize((int) finishedByTheLastPage);
        assertThat(finishedByTheLastPage).isBetween((long) MANY / 2, (long) MANY - 1);
        assertOldestChangeFirst(whileFinishing);
        assertThat(whileFinishing)
                .allSatisfy(item -> assertThat(
                                Instant.parse(item.get("timestamp").textValue()))
                        .as("the last change of a finished job is its end")
                        .isEqualTo(Instant.parse(item.get("finished_timestamp").textValue()))
                        .isBeforeOrEqualTo(end));

        clock.advance(Duration.ofSeconds(MANY));
        List<JsonNode> everything = timedWalk("jobs", since);
        assertThat(names(everything)).containsExactlyInAnyOrderElementsOf(all);
        assertOldestChangeFirst(everything);
        JsonNode page = get(since + "limit=2&offset=4").json();
        assertThat(page.get("pagination").toString())
                .isEqualTo("{\"limit\":2,\"offset\":4,\"order\":\"asc\",\"order_by\":\"timestamp\",\"total\":" + MANY
                        + ",\"type\":null}");
        assertThat(page.get("items"))
                .extracting(item -> item.get("name").textValue())
                .containsExactly(
                        everything.get(4).get("name").textValue(),
                        everything.get(5).get("name").textValue());
    }

    @Test
    void aPlanJobListThatIgnoresTheFinishFilterListsEveryJob() {
        List<String> names = startPlans(4);
        clock.advance(Duration.ofSeconds(1)); // the first job's 1 s are over, the others run
        String ahead = "/plan_jobs?min_finish_timestamp=" + clock.instant().plus(Duration.ofDays(1))
                + "&max_finish_timestamp=" + clock.instant().plus(Duration.ofDays(2)) + "&order_by=timestamp&order=asc";
        assertThat(get(ahead).json().get("items")).isEmpty();

        pe.planJobListIgnoresFinishFilter(true);
        JsonNode all = get(ahead).json();
        assertThat(all.get("items"))
                .extracting(item -> item.get("name").textValue())
                .containsExactlyInAnyOrderElementsOf(names);
        assertThat(all.get("items"))
                .anySatisfy(item ->
                        assertThat(item.get("finished_timestamp").isNull()).isTrue());

        pe.planJobListIgnoresFinishFilter(false);
        assertThat(get(ahead).json().get("items")).isEmpty();
    }

    @Test
    void aPlanJobListCanBeForbiddenWhileTheJobsStayReadable() {
        String name = startPlans(2).get(0);
        pe.planJobListForbidden(true);
        PeTestClient.Answer refused = get("/plan_jobs?limit=1");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.kind()).isEqualTo("puppetlabs.orchestrator/not-permitted");
        assertThat(refused.json().get("msg").textValue()).contains("deployer", "list plan jobs");
        assertThat(get("/plan_jobs/" + name).status()).isEqualTo(200);
        pe.planJobListForbidden(false);
        assertThat(get("/plan_jobs?limit=1").status()).isEqualTo(200);
    }

    @Test
    void jobListsBefore2021_6IgnoreTheFinishFilter() {
        List<String> names = startPuppetRuns(4);
        clock.advance(Duration.ofSeconds(1));
        String ahead = "/jobs?min_finish_timestamp=" + clock.instant().plus(Duration.ofDays(1))
                + "&max_finish_timestamp=" + clock.instant().plus(Duration.ofDays(2))
                + "&order_by=timestamp&order=asc&limit=10";
        for (JobApiRelease release : JobApiRelease.values()) {
            pe.jobApiRelease(release);
            JsonNode list = get(ahead).json();
            if (release.compareTo(JobApiRelease.PE_2021_6) < 0) {
                assertThat(list.get("items"))
                        .as("%s ignores the filter", release)
                        .extracting(item -> item.get("name").textValue())
                        .containsExactlyInAnyOrderElementsOf(names);
                assertThat(get("/jobs?min_finish_timestamp=yesterday").status())
                        .as("%s does not read the parameter", release)
                        .isEqualTo(200);
            } else {
                assertThat(list.get("items"))
                        .as("%s honours the filter", release)
                        .isEmpty();
                assertThat(get("/jobs?min_finish_timestamp=yesterday").status()).isEqualTo(400);
            }
        }
    }

    @Test
    void jobsBefore2019_8_5ShowNoTimesNorType() {
        String name = startPuppetRuns(2).get(0);
        clock.advance(Duration.ofSeconds(MANY));
        pe.jobApiRelease(JobApiRelease.PE_2019_8_0);
        JsonNode item =
                get("/jobs?order_by=timestamp&order=desc&limit=1").json().at("/items/0");
        JsonNode detail = get("/jobs/" + name).json();
        for (JsonNode job : List.of(item, detail)) {
            assertThat(job.has("finished_timestamp")).isFalse();
            assertThat(job.has("started_timestamp")).isFalse();
            assertThat(job.has("duration")).isFalse();
            assertThat(job.has("type")).isFalse();
            assertThat(job.get("command").textValue()).isEqualTo("deploy");
            assertThat(job.get("state").textValue()).isEqualTo("finished");
            assertThat(job.get("timestamp").textValue()).isNotBlank();
        }
        pe.jobApiRelease(JobApiRelease.PE_2019_8_5);
        item = get("/jobs?order_by=timestamp&order=desc&limit=1").json().at("/items/0");
        assertThat(item.get("finished_timestamp").textValue())
                .isEqualTo(item.get("timestamp").textValue());
        assertThat(item.get("type").textValue()).isEqualTo("deploy");
    }

    @Test
    void anEmptyJobListCountsNullBefore2021_7AndZeroSince() {
        String nothing = "/jobs?min_finish_timestamp=" + clock.instant() + "&limit=5";
        pe.jobApiRelease(JobApiRelease.PE_2021_6);
        assertThat(get(nothing).json().at("/pagination/total").isNull()).isTrue();
        pe.jobApiRelease(JobApiRelease.PE_2021_7);
        assertThat(get(nothing).json().at("/pagination/total").intValue()).isZero();
        assertThat(get(nothing).json().at("/pagination/total").isNull()).isFalse();
    }

    @Test
    void aJobListCanBeForbiddenWhileTheJobsStayReadable() {
        String name = startPuppetRuns(2).get(0);
        pe.jobListForbidden(true);
        PeTestClient.Answer refused = get("/jobs?limit=1");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.kind()).isEqualTo("puppetlabs.orchestrator/not-permitted");
        assertThat(refused.json().get("msg").textValue()).contains("deployer", "list jobs");
        assertThat(get("/jobs/" + name).status()).isEqualTo(200);
        assertThat(get("/jobs/" + name + "/nodes").status()).isEqualTo(200);
        assertThat(get("/plan_jobs?limit=1").status())
                .as("plan jobs are another list")
                .isEqualTo(200);
        pe.jobListForbidden(false);
        assertThat(get("/jobs?limit=1").status()).isEqualTo(200);
    }
}
