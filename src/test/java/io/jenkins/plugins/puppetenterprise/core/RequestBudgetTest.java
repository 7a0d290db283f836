package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.core.RequestBudget.Use;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The request budget of one installation (issue 13 item 2), on a fake clock: what goes first, how
 * many go per second, and that nothing waits for ever.
 */
class RequestBudgetTest {
    private final FakeClock clock = new FakeClock();
    private final ManualWatchScheduler scheduler = new ManualWatchScheduler(clock);
    private final ExecutionCore core = new ExecutionCore(
            scheduler, clock, () -> TimeUnit.MILLISECONDS.toNanos(clock.millis()), PollBackoff.DEFAULT, () -> 0.5);
    private final RequestBudget budget = new RequestBudget(core, 10);
    /** When each admitted request was admitted, in admission order: "use@second". */
    private final List<String> admitted = new ArrayList<>();

    private CompletableFuture<Void> ask(Use use, int weight, String label) {
        CompletableFuture<Void> turn = budget.admit(use, weight);
        turn.thenRun(() -> admitted.add(label + "@" + clock.instant().getEpochSecond() % 60));
        return turn;
    }

    private void runUntilAdmitted(List<CompletableFuture<Void>> turns) throws InterruptedException {
        scheduler.runUntil(CompletableFuture.allOf(turns.toArray(CompletableFuture[]::new)));
    }

    private void runFor(Duration duration) throws InterruptedException {
        CompletableFuture<Void> then = new CompletableFuture<>();
        scheduler.schedule(() -> then.complete(null), duration);
        scheduler.runUntil(then);
    }

    /** Admissions per second of the fake clock, weighted. */
    private Map<Long, Integer> perSecond(List<String> labels, Map<String, Integer> weights) {
        Map<Long, Integer> counts = new TreeMap<>();
        for (String label : labels) {
            String[] parts = label.split("@");
            counts.merge(
                    Long.parseLong(parts[1]), weights.getOrDefault(parts[0].replaceAll("\\d+$", ""), 1), Integer::sum);
        }
        return counts;
    }

    @Test
    void logPollsGoRoundRobinWithinTheBudget() throws Exception {
        List<CompletableFuture<Void>> turns = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            turns.add(ask(Use.EVENTS, 1, "poll" + i));
        }

        runUntilAdmitted(turns);

        assertThat(perSecond(admitted, Map.of()))
                .containsExactly(Map.entry(0L, 10), Map.entry(1L, 10), Map.entry(2L, 5));
        assertThat(admitted)
                .extracting(label -> label.split("@")[0])
                .as("in the order they asked")
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 25)
                        .mapToObj(i -> "poll" + i)
                        .toList());
    }

    /**
     * Log polls filled the second; a sweep asking later goes as soon as the oldest of them ages
     * out, before a log poll that asked before it.
     */
    @Test
    void aSweepIntoAFullSecondGoesAtTheNextFreeTurnAheadOfLogPolls() throws Exception {
        Instant start = clock.instant();
        List<CompletableFuture<Void>> turns = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            turns.add(ask(Use.EVENTS, 1, "poll" + i));
        }
        runUntilAdmitted(turns);
        CompletableFuture<Void> waitingPoll = ask(Use.EVENTS, 1, "waiting");
        clock.advance(Duration.ofMillis(50));
        CompletableFuture<Void> sweep = budget.admit(Use.SWEEP, 1);
        sweep.thenRun(() -> admitted.add("sweep"));

        runUntilAdmitted(List.of(sweep));

        assertThat(admitted.subList(10, 11)).containsExactly("sweep");
        assertThat(Duration.between(start, clock.instant()))
                .as("the first free turn: the first poll aged out, and 102 ms after the last")
                .isEqualTo(Duration.ofMillis(1_020));
        runUntilAdmitted(List.of(waitingPoll));
        assertThat(admitted.subList(11, 12)).containsExactly("waiting@1");
    }

    /**
     * The requests of one second leave spaced, not together: together they came back together a
     * second later, and a burst reaching PE across a second's edge put more than the budget into it.
     */
    @Test
    void admissionsAreSpacedALittleSlowerThanTheBudgetsRate() throws Exception {
        List<Long> at = new ArrayList<>();
        List<CompletableFuture<Void>> turns = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            CompletableFuture<Void> turn = budget.admit(i % 3 == 0 ? Use.SWEEP : Use.EVENTS, 1);
            turn.thenRun(() -> at.add(clock.millis()));
            turns.add(turn);
        }
        for (int i = 0; i < 9; i++) {
            CompletableFuture<Void> turn = budget.admit(Use.BACKLOG, 2);
            turn.thenRun(() -> at.add(clock.millis()));
            turns.add(turn);
        }

        runUntilAdmitted(turns);

        for (int i = 1; i < 9; i++) {
            assertThat(at.get(i) - at.get(i - 1))
                    .as("backlog of weight 2 at twice the budget: 102 ms apart")
                    .isEqualTo(102);
        }
        for (int i = 10; i < at.size(); i++) {
            assertThat(at.get(i) - at.get(i - 1))
                    .as("within the budget: 102 ms apart")
                    .isEqualTo(102);
        }
        for (int i = 19; i < at.size(); i++) {
            assertThat(at.get(i) - at.get(i - 10))
                    .as("no second holds more than ten, even with a little more or less time on the way")
                    .isGreaterThanOrEqualTo(1_020);
        }
    }

    /**
     * Log polls go stalest log first: a watch whose poll PE did not answer asks again later, but
     * its log is older than that of the watches that asked meanwhile, so it keeps its place.
     */
    @Test
    void theStalestLogIsPolledFirstWhateverTheOrderOfAsking() throws Exception {
        List<CompletableFuture<Void>> turns = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            turns.add(ask(Use.EVENTS, 1, "filler" + i));
        }
        runUntilAdmitted(turns);
        long tick = TimeUnit.MILLISECONDS.toNanos(clock.millis());
        CompletableFuture<Void> fresher = budget.admitLogPoll(1, tick);
        fresher.thenRun(() -> admitted.add("fresher"));
        CompletableFuture<Void> staler =
                budget.admitLogPoll(1, tick - Duration.ofSeconds(90).toNanos());
        staler.thenRun(() -> admitted.add("staler"));

        runUntilAdmitted(List.of(fresher, staler));

        assertThat(admitted.subList(10, 12)).containsExactly("staler", "fresher");
    }

    /**
     * Backlog goes newest end first, whatever the order of asking: after an outage, work that ended
     * as PE answered again is read before what ended during it; an end of unknown time goes last.
     */
    @Test
    void backlogIsReadNewestEndFirstAndAnEndOfUnknownTimeLast() throws Exception {
        List<CompletableFuture<Void>> turns = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            turns.add(ask(Use.BACKLOG, 1, "filler" + i));
        }
        runUntilAdmitted(turns);
        Instant outageEnd = clock.instant();
        List<CompletableFuture<Void>> backlog = new ArrayList<>();
        for (String[] end : new String[][] {
            {"unknown", null}, {"duringOutage", "-20"}, {"asPeAnswered", "0"}, {"earlyInOutage", "-29"}
        }) {
            Instant endedAt = end[1] == null ? null : outageEnd.plusSeconds(Long.parseLong(end[1]));
            CompletableFuture<Void> turn = budget.admitBacklog(1, endedAt);
            turn.thenRun(() -> admitted.add(end[0]));
            backlog.add(turn);
        }

        runUntilAdmitted(backlog);

        assertThat(admitted.subList(20, 24))
                .containsExactly("asPeAnswered", "duringOutage", "earlyInOutage", "unknown");
    }

    @Test
    void finalReadsOfBacklogComeFirstAndMayTakeUpToTwiceTheBudget() throws Exception {
        List<CompletableFuture<Void>> turns = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            turns.add(ask(Use.EVENTS, 1, "poll" + i));
        }
        for (int i = 0; i < 12; i++) {
            turns.add(ask(Use.BACKLOG, 3, "final" + i));
        }

        runUntilAdmitted(turns);

        Map<Long, Integer> weighted = perSecond(admitted, Map.of("final", 3, "poll", 1));
        assertThat(weighted.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(20));
        assertThat(admitted.get(0))
                .as("the first poll went as it asked, before any backlog waited")
                .startsWith("poll0");
        assertThat(admitted.subList(1, 13))
                .allSatisfy(label -> assertThat(label).startsWith("final"));
        assertThat(admitted.subList(13, 17))
                .allSatisfy(label -> assertThat(label).startsWith("poll"));
        assertThat(weighted.keySet())
                .as("36 backlog requests at under twice the budget: under two seconds, then the polls")
                .containsExactly(0L, 1L, 2L);
    }

    @Test
    void logPollsWaitWhileBacklogWaitsButASweepStillGoes() throws Exception {
        List<CompletableFuture<Void>> turns = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            turns.add(ask(Use.BACKLOG, 3, "final" + i)); // 21: one second cannot hold them
        }
        turns.add(ask(Use.EVENTS, 1, "poll"));
        turns.add(ask(Use.SWEEP, 1, "sweep"));

        runUntilAdmitted(turns);

        int sweepAt = admitted.indexOf(
                admitted.stream().filter(l -> l.startsWith("sweep")).findFirst().orElseThrow());
        int pollAt = admitted.indexOf(
                admitted.stream().filter(l -> l.startsWith("poll")).findFirst().orElseThrow());
        assertThat(admitted.get(sweepAt))
                .as("the sweep went in the first second, beside the backlog")
                .endsWith("@0");
        assertThat(admitted.subList(0, pollAt))
                .as("the log poll came after every final read")
                .filteredOn(l -> l.startsWith("final"))
                .hasSize(7);
    }

    /**
     * A long backlog never starves the sweeps: each second it leaves them their turn, so the builds
     * whose work ends meanwhile are still told at once (and their final reads are not backlog).
     */
    @Test
    void aLongBacklogLeavesTheSweepsTheirTurnEverySecond() throws Exception {
        budget.sweepGroups(1);
        List<CompletableFuture<Void>> turns = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            turns.add(ask(Use.BACKLOG, 2, "final" + i)); // six seconds of backlog at twice the budget
        }
        for (int second = 0; second < 4; second++) {
            turns.add(ask(Use.SWEEP, 1, "sweep" + second));
            runFor(Duration.ofSeconds(1));
        }

        runUntilAdmitted(turns);

        assertThat(admitted)
                .filteredOn(l -> l.startsWith("sweep"))
                .as("each sweep in the second it asked")
                .containsExactly("sweep0@0", "sweep1@1", "sweep2@2", "sweep3@3");
        assertThat(perSecond(admitted, Map.of("final", 2)).values())
                .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(20));
    }

    @Test
    void finalReadsOfWorkThatJustEndedAreNotHeldButCountAgainstWhatWaits() throws Exception {
        budget.sentOutside(10); // ten final reads of work that ended just now, sent at once
        CompletableFuture<Void> poll = ask(Use.EVENTS, 1, "poll");
        CompletableFuture<Void> sweep = ask(Use.SWEEP, 1, "sweep");
        Instant start = clock.instant();

        runUntilAdmitted(List.of(poll, sweep));

        assertThat(admitted).containsExactlyInAnyOrder("sweep@0", "poll@0");
        assertThat(Duration.between(start, clock.instant())).as("only spaced").isEqualTo(Duration.ofMillis(102));

        budget.sentOutside(20); // a burst of ends: the second is full
        CompletableFuture<Void> late = ask(Use.SWEEP, 1, "late");
        runUntilAdmitted(List.of(late));
        assertThat(Duration.between(start, clock.instant()))
                .as("once the burst's second has passed")
                .isEqualTo(Duration.ofMillis(1_102));
    }

    /**
     * Reads of an end that a sweep only guessed take their turn within the budget; those whose
     * answers show the end leave it again, so only the guesses read too early hold log polls back.
     */
    @Test
    void guessesThatFoundTheEndLeaveTheBudgetToLogPolls() throws Exception {
        for (int found : List.of(0, 6)) {
            RequestBudget fresh = new RequestBudget(core, 10);
            RequestBudget.GuessCharge charge = new RequestBudget.GuessCharge();
            CompletableFuture<Void> guess = fresh.admitGuess(8, charge);
            scheduler.runUntil(guess);
            for (int i = 0; i < found; i++) {
                fresh.wasFinal(charge); // this read found its deploy synced
            }
            List<CompletableFuture<Void>> polls = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                polls.add(fresh.admitLogPoll(1, i));
            }

            runFor(Duration.ofMillis(600));

            assertThat(polls.stream().filter(CompletableFuture::isDone))
                    .as("log polls in the guesses' second when %d of 8 found the end", found)
                    .hasSize(found == 0 ? 2 : 5);
            runFor(Duration.ofSeconds(1));
        }
    }

    /** A guess waits for room in the budget, but ahead of the log polls. */
    @Test
    void aGuessWaitsForRoomInTheBudgetAheadOfLogPolls() throws Exception {
        List<CompletableFuture<Void>> polls = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            polls.add(ask(Use.EVENTS, 1, "poll" + i));
        }
        Instant start = clock.instant();
        runFor(Duration.ofMillis(950));
        RequestBudget.GuessCharge charge = new RequestBudget.GuessCharge();
        CompletableFuture<Void> guess = budget.admitGuess(1, charge);
        guess.thenRun(() -> admitted.add("guess@" + clock.instant().getEpochSecond() % 60));

        runUntilAdmitted(List.of(guess));

        assertThat(Duration.between(start, clock.instant()))
                .as("once the first log poll's second has passed, at the tenth's spacing (10 x 102 ms)")
                .isEqualTo(Duration.ofMillis(1_020));
        runUntilAdmitted(polls);
        assertThat(admitted.subList(10, 12)).extracting(a -> a.split("@")[0]).containsExactly("guess", "poll10");
    }

    /** An answer that comes after its admission left the last second changes nothing. */
    @Test
    void aGuessFoundFinalAfterItsSecondDoesNotFreeAnotherTurn() throws Exception {
        RequestBudget.GuessCharge old = new RequestBudget.GuessCharge();
        scheduler.runUntil(budget.admitGuess(1, old));
        runFor(Duration.ofMillis(1_100));
        scheduler.runUntil(budget.admitGuess(10, new RequestBudget.GuessCharge()));
        budget.wasFinal(old);
        CompletableFuture<Void> poll = ask(Use.EVENTS, 1, "poll");

        runFor(Duration.ofMillis(500));

        assertThat(poll).as("the ten guesses of this second still count").isNotDone();
    }

    @Test
    void aRequestAskingIntoAnEmptySecondAlwaysGoesWhateverItsWeight() throws Exception {
        RequestBudget small = new RequestBudget(core, 1);
        CompletableFuture<Void> first = small.admit(Use.BACKLOG, 3);
        CompletableFuture<Void> second = small.admit(Use.EVENTS, 2);

        scheduler.runUntil(CompletableFuture.allOf(first, second));

        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
    }

    @Test
    void aCancelledTurnLeavesTheQueueAndDoesNotCount() throws Exception {
        for (int i = 0; i < 9; i++) {
            ask(Use.EVENTS, 1, "poll" + i);
        }
        CompletableFuture<Void> cancelled = ask(Use.EVENTS, 1, "cancelled");
        CompletableFuture<Void> next = ask(Use.EVENTS, 1, "next");
        cancelled.cancel(false);

        runUntilAdmitted(List.of(next));

        assertThat(admitted).doesNotContain("cancelled@0", "cancelled@1").contains("next@0");
        assertThat(clock.millis() % 60_000)
                .as("the tenth turn, not the eleventh")
                .isEqualTo(918);
    }

    @Test
    void sweepsOfManyCredentialGroupsStretchToAQuarterOfTheBudget() {
        budget.sweepGroups(1);
        assertThat(budget.sweepInterval()).isEqualTo(FinishedWorkSweep.INTERVAL);
        budget.sweepGroups(4);
        assertThat(budget.sweepInterval()).as("five groups: 2.5 requests/s").isEqualTo(Duration.ofSeconds(2));
        budget.sweepGroups(5);
        assertThat(budget.sweepInterval()).as("ten groups").isEqualTo(Duration.ofSeconds(4));
        budget.perSecond(40);
        assertThat(budget.sweepInterval()).as("a larger budget").isEqualTo(FinishedWorkSweep.INTERVAL);
        budget.sweepGroups(-10);
        assertThat(budget.sweepInterval()).isEqualTo(FinishedWorkSweep.INTERVAL);
    }
}
