package io.keel.server.performance;

import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies and completions of one agent over the last {@code window} nanoseconds.
 *
 * <p>Writers record into an HdrHistogram {@link Recorder} (wait-free). A reader swaps out the interval
 * histogram under a lock and keeps it as one slice stamped with the read time; slices older than the window
 * are dropped, so what is reported covers roughly the last window. Readers are rare (a dashboard poll), so
 * the lock is uncontended in practice.
 */
final class LatencyWindow {

    private static final long MAX_MICROS = 3_600_000_000L * 24;

    private final long windowNanos;
    private final Recorder recorder = new Recorder(MAX_MICROS, 2);
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Slice> slices = new ArrayDeque<>();
    private Histogram recycled;

    private record Slice(long atNanos, Histogram histogram) {
    }

    /** What the window holds now. */
    record View(long count, double p50Ms, double p95Ms, double p99Ms) {
    }

    LatencyWindow(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    void record(long micros) {
        recorder.recordValue(Math.max(0, Math.min(micros, MAX_MICROS)));
    }

    View view(long nowNanos) {
        lock.lock();
        try {
            Histogram interval = recorder.getIntervalHistogram(recycled);
            recycled = null;
            if (interval.getTotalCount() > 0) {
                slices.addLast(new Slice(nowNanos, interval));
            } else {
                recycled = interval;
            }
            while (!slices.isEmpty() && nowNanos - slices.peekFirst().atNanos() > windowNanos) {
                slices.removeFirst();
            }
            Histogram merged = new Histogram(MAX_MICROS, 2);
            slices.forEach(slice -> merged.add(slice.histogram()));
            if (merged.getTotalCount() == 0) {
                return new View(0, 0, 0, 0);
            }
            return new View(merged.getTotalCount(),
                    merged.getValueAtPercentile(50) / 1000.0,
                    merged.getValueAtPercentile(95) / 1000.0,
                    merged.getValueAtPercentile(99) / 1000.0);
        } finally {
            lock.unlock();
        }
    }
}
