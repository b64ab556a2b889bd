package io.keel.server.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The measurements of one run, written by many sender threads at once and read by one ticker.
 *
 * <p>Invariants: every finished request is recorded exactly once, in microseconds, into the timeline recorder
 * and — when its intended start fell after the ramp-up — into the steady-state corrected (from the intended start)
 * and uncorrected (from the actual send) recorders. HdrHistogram's {@link Recorder} lets writers record without
 * locks while the ticker swaps out interval histograms; the lock only guards the ticker's own accumulation,
 * which writers never touch.
 */
public final class LoadStats {

    private final Recorder timeline = new Recorder(3);
    private final Recorder corrected = new Recorder(3);
    private final Recorder uncorrected = new Recorder(3);
    private final Histogram correctedTotal = new Histogram(3);
    private final Histogram uncorrectedTotal = new Histogram(3);
    private final LongAdder completed = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder steadyCompleted = new LongAdder();
    private final LongAdder steadyErrors = new LongAdder();
    private final LongAdder steadyAnswered = new LongAdder();
    private final LongAdder late = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
    private final ReentrantLock tickLock = new ReentrantLock();
    private final List<TimelinePoint> points = new ArrayList<>();
    private long lastCompleted;
    private long lastErrors;

    /** Records one finished request; times are nanoTime readings. */
    public void record(long intendedNanos, long sentNanos, long doneNanos, Outcome outcome, boolean steady) {
        long correctedMicros = Math.max(0, (doneNanos - intendedNanos) / 1_000);
        long uncorrectedMicros = Math.max(0, (doneNanos - sentNanos) / 1_000);
        timeline.recordValue(correctedMicros);
        completed.increment();
        if (outcome.failed()) {
            errors.increment();
            errorKinds.computeIfAbsent(outcome.errorKind(), k -> new LongAdder()).increment();
        }
        if (steady) {
            corrected.recordValue(correctedMicros);
            uncorrected.recordValue(uncorrectedMicros);
            steadyCompleted.increment();
            if (outcome.status() > 0) {
                steadyAnswered.increment();
            }
            if (outcome.failed()) {
                steadyErrors.increment();
            }
        }
    }

    /** A request that had to wait for an in-flight slot: it is sent late, and its latency counts from its intended start. */
    public void markLate() {
        late.increment();
    }

    /**
     * A request never sent because the run ended while it waited for a slot: it counts as an error ("dropped"),
     * with the time it had already waited as its (lower-bound) corrected latency.
     */
    public void markDropped(long intendedNanos, long endNanos, boolean steady) {
        dropped.increment();
        long waitedMicros = Math.max(0, (endNanos - intendedNanos) / 1_000);
        timeline.recordValue(waitedMicros);
        errorKinds.computeIfAbsent("dropped (in-flight limit)", k -> new LongAdder()).increment();
        errors.increment();
        if (steady) {
            corrected.recordValue(waitedMicros);
            steadyErrors.increment();
            steadyCompleted.increment();
        }
    }

    /** Closes one timeline interval ending at {@code elapsedSeconds}; called by one ticker thread. */
    public TimelinePoint tick(double elapsedSeconds, double intervalSeconds) {
        tickLock.lock();
        try {
            Histogram interval = timeline.getIntervalHistogram();
            correctedTotal.add(corrected.getIntervalHistogram());
            uncorrectedTotal.add(uncorrected.getIntervalHistogram());
            long nowCompleted = completed.sum();
            long nowErrors = errors.sum();
            long done = nowCompleted - lastCompleted;
            TimelinePoint point = new TimelinePoint(elapsedSeconds, done, nowErrors - lastErrors,
                    intervalSeconds > 0 ? done / intervalSeconds : 0,
                    interval.getValueAtPercentile(50) / 1_000.0,
                    interval.getValueAtPercentile(99) / 1_000.0,
                    interval.getMaxValue() / 1_000.0);
            lastCompleted = nowCompleted;
            lastErrors = nowErrors;
            points.add(point);
            return point;
        } finally {
            tickLock.unlock();
        }
    }

    public List<TimelinePoint> timeline() {
        tickLock.lock();
        try {
            return List.copyOf(points);
        } finally {
            tickLock.unlock();
        }
    }

    public Percentiles corrected() {
        tickLock.lock();
        try {
            correctedTotal.add(corrected.getIntervalHistogram());
            return Percentiles.of(correctedTotal);
        } finally {
            tickLock.unlock();
        }
    }

    public Percentiles uncorrected() {
        tickLock.lock();
        try {
            uncorrectedTotal.add(uncorrected.getIntervalHistogram());
            return Percentiles.of(uncorrectedTotal);
        } finally {
            tickLock.unlock();
        }
    }

    public long completed() {
        return completed.sum();
    }

    public long errors() {
        return errors.sum();
    }

    public long steadyCompleted() {
        return steadyCompleted.sum();
    }

    /** Steady-state requests that got an HTTP answer (any status): what "achieved rate" counts. */
    public long steadyAnswered() {
        return steadyAnswered.sum();
    }

    public long steadyErrors() {
        return steadyErrors.sum();
    }

    public long late() {
        return late.sum();
    }

    public long droppedCount() {
        return dropped.sum();
    }

    public Map<String, Long> errorKinds() {
        Map<String, Long> kinds = new TreeMap<>();
        errorKinds.forEach((k, v) -> kinds.put(k, v.sum()));
        return kinds;
    }
}
