package io.keel.server.loadtest;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Drives a scenario against a target and measures it.
 *
 * <p>Open model: one dispatcher thread walks the {@link ArrivalSchedule} and hands each due request to a fresh
 * virtual thread; a semaphore of {@code maxInFlight} permits bounds the concurrency. Latency counts from the
 * scheduled (intended) start, so a stalled target shows up in the percentiles instead of silently slowing the
 * sender (coordinated omission). Closed model: {@code users} virtual threads loop send → wait → think.
 *
 * <p>Thread safety: the dispatcher is the only thread reading the schedule; senders share only {@link LoadStats}
 * and {@link RequestMix}, both safe for concurrent use; the ticker is one virtual thread reading {@link LoadStats}.
 */
public final class LoadGenerator {

    private final LongSupplier nanoTime;

    public LoadGenerator() {
        this(System::nanoTime);
    }

    public LoadGenerator(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    public LoadResult run(Scenario scenario, LoadOptions options, Consumer<TimelinePoint> progress) {
        LoadStats stats = new LoadStats();
        RequestMix mix = new RequestMix(scenario.requests());
        long rampNanos = options.rampUp().toNanos();
        long totalNanos = rampNanos + options.duration().toNanos();
        long steadyEnd;
        long start;
        AtomicBoolean finished = new AtomicBoolean();
        Thread ticker;
        // The client is built before the clock starts: its set-up is not the target's latency.
        try (Sender sender = new Sender(options.target(), options.timeout(), scenario.requests());
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            start = nanoTime.getAsLong();
            long tickerStart = start;
            ticker = Thread.ofVirtual().name("loadtest-ticker").start(() -> tick(stats, tickerStart, finished, progress));
            if (options.openModel()) {
                steadyEnd = open(options, mix, sender, stats, threads, start, rampNanos, totalNanos);
            } else {
                steadyEnd = closed(options, mix, sender, stats, threads, start, rampNanos, totalNanos);
            }
            threads.shutdown();
            awaitQuietly(threads, options.timeout().plusSeconds(1));
        }
        finished.set(true);
        ticker.interrupt();
        joinQuietly(ticker);
        double lastElapsed = seconds(nanoTime.getAsLong() - start);
        // The tail since the last whole-second tick; too short a tail would show a rate spike, so it reports none.
        double tail = lastElapsed - Math.floor(lastElapsed);
        stats.tick(lastElapsed, tail >= 0.2 ? tail : 0);
        double steadySeconds = Math.max(1e-9, seconds(steadyEnd - (start + rampNanos)));
        return new LoadResult(scenario.name(), options.openModel() ? "open" : "closed", options.rate(),
                options.users(), steadySeconds, stats.steadyCompleted(), stats.steadyErrors(), stats.late(),
                stats.droppedCount(), stats.steadyAnswered() / steadySeconds, stats.corrected(), stats.uncorrected(),
                stats.errorKinds(), stats.timeline());
    }

    private long open(LoadOptions options, RequestMix mix, Sender sender, LoadStats stats, ExecutorService threads,
                      long start, long rampNanos, long totalNanos) {
        ArrivalSchedule schedule = new ArrivalSchedule(options.rate(), rampNanos, totalNanos);
        Semaphore inFlight = new Semaphore(options.maxInFlight());
        SplittableRandom random = new SplittableRandom();
        long end = start + totalNanos;
        for (long k = 0; ; k++) {
            long offset = schedule.offsetNanos(k);
            if (offset < 0) {
                break;
            }
            long intended = start + offset;
            boolean steady = offset >= rampNanos;
            waitUntil(intended);
            if (!inFlight.tryAcquire()) {
                stats.markLate();
                if (!acquireBefore(inFlight, end)) {
                    long now = nanoTime.getAsLong();
                    for (long j = k; schedule.offsetNanos(j) >= 0; j++) {
                        long o = schedule.offsetNanos(j);
                        stats.markDropped(start + o, Math.max(now, start + o), o >= rampNanos);
                    }
                    break;
                }
            }
            RequestTemplate request = mix.pick(random);
            threads.execute(() -> {
                try {
                    long sent = nanoTime.getAsLong();
                    Outcome outcome = sender.send(request, mix);
                    stats.record(intended, sent, nanoTime.getAsLong(), outcome, steady);
                } finally {
                    inFlight.release();
                }
            });
        }
        waitUntil(end);
        return end;
    }

    private long closed(LoadOptions options, RequestMix mix, Sender sender, LoadStats stats, ExecutorService threads,
                        long start, long rampNanos, long totalNanos) {
        long end = start + totalNanos;
        long steadyStart = start + rampNanos;
        long thinkNanos = options.think().toNanos();
        for (int u = 0; u < options.users(); u++) {
            long userStart = start + rampNanos * u / options.users();
            threads.execute(() -> {
                SplittableRandom random = new SplittableRandom();
                waitUntil(userStart);
                while (true) {
                    long sent = nanoTime.getAsLong();
                    if (sent >= end) {
                        return;
                    }
                    Outcome outcome = sender.send(mix.pick(random), mix);
                    stats.record(sent, sent, nanoTime.getAsLong(), outcome, sent >= steadyStart);
                    if (thinkNanos > 0) {
                        LockSupport.parkNanos(thinkNanos);
                    }
                }
            });
        }
        waitUntil(end);
        return end;
    }

    private boolean acquireBefore(Semaphore inFlight, long deadline) {
        try {
            long left = deadline - nanoTime.getAsLong();
            return left > 0 && inFlight.tryAcquire(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void waitUntil(long deadline) {
        long left;
        while ((left = deadline - nanoTime.getAsLong()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    private void tick(LoadStats stats, long start, AtomicBoolean finished, Consumer<TimelinePoint> progress) {
        long next = start + 1_000_000_000L;
        while (!finished.get()) {
            waitUntil(next);
            if (finished.get() || Thread.currentThread().isInterrupted()) {
                return;
            }
            progress.accept(stats.tick(seconds(next - start), 1.0));
            next += 1_000_000_000L;
        }
    }

    private static void awaitQuietly(ExecutorService threads, Duration limit) {
        try {
            if (!threads.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
