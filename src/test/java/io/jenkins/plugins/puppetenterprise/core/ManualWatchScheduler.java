package io.jenkins.plugins.puppetenterprise.core;

import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link WatchScheduler} on a {@link FakeClock}: tasks wait in a queue until {@link #runUntil}
 * moves the clock to the earliest one's due time and runs it on the test's thread. Polls still go
 * over real HTTPS to the simulator (on the client's threads); the driver waits for the next task
 * to be scheduled, never for time to pass.
 */
final class ManualWatchScheduler implements WatchScheduler {
    /** How long to wait for the next task to be scheduled after an HTTP answer (real time). */
    private static final long NEXT_TASK_TIMEOUT_MILLIS = 20_000;

    private record Task(Instant due, long sequence, FutureTask<Void> work) {}

    private final FakeClock clock;
    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            (a, b) -> a.due.equals(b.due) ? Long.compare(a.sequence, b.sequence) : a.due.compareTo(b.due));
    private long sequence;
    /** Watches waiting for PE's answer: while any does, the clock stays where it is. */
    private int awaitingAnswers;

    ManualWatchScheduler(FakeClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Future<?> schedule(Runnable task, Duration delay) {
        FutureTask<Void> work = new FutureTask<>(task, null);
        queue.add(new Task(clock.instant().plus(delay), sequence++, work));
        notifyAll();
        return work;
    }

    @Override
    public synchronized Runnable awaitingAnswer() {
        awaitingAnswers++;
        notifyAll();
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                synchronized (this) {
                    awaitingAnswers--;
                    notifyAll();
                }
            }
        };
    }

    /**
     * Runs the scheduled tasks in due order, moving the clock forward to each (never back), until
     * {@code done} completes. Fails when nothing is scheduled for {@value #NEXT_TASK_TIMEOUT_MILLIS}
     * ms while {@code done} is still open (a watch that stopped without an outcome).
     */
    void runUntil(CompletableFuture<?> done) throws InterruptedException {
        done.whenComplete((r, f) -> {
            synchronized (this) {
                notifyAll();
            }
        });
        while (!done.isDone()) {
            Task next;
            synchronized (this) {
                long waitUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(NEXT_TASK_TIMEOUT_MILLIS);
                while (!done.isDone() && !runnable()) {
                    long left = waitUntil - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("no watch step was scheduled and the outcome is still open");
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
                if (done.isDone()) {
                    return;
                }
                next = queue.poll();
            }
            if (next.due.isAfter(clock.instant())) {
                clock.set(next.due);
            }
            next.work.run();
        }
    }

    private boolean runnable() {
        Task head = liveHead();
        return head != null && (awaitingAnswers == 0 || !head.due.isAfter(clock.instant()));
    }

    /**
     * Runs the earliest task even while a watch waits for PE's answer, moving the clock to it: as
     * if that answer took until then. Returns false when nothing is scheduled.
     */
    boolean runNextDespiteAnswersAwaited() {
        Task next;
        synchronized (this) {
            if (liveHead() == null) {
                return false;
            }
            next = queue.poll();
        }
        if (next.due.isAfter(clock.instant())) {
            clock.set(next.due);
        }
        next.work.run();
        return true;
    }

    /** Waits (real time, bounded) until a watch waits for PE's answer. */
    synchronized void awaitAnswerAwaited() throws InterruptedException {
        long waitUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(NEXT_TASK_TIMEOUT_MILLIS);
        while (awaitingAnswers == 0) {
            long left = waitUntil - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no watch started waiting for PE");
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** The earliest task not cancelled, or null; drops cancelled ones. */
    private Task liveHead() {
        while (!queue.isEmpty() && queue.peek().work.isCancelled()) {
            queue.poll();
        }
        return queue.peek();
    }

    synchronized int pending() {
        liveHead();
        return queue.size();
    }
}
