package io.keel.governor.internal;

import java.time.Duration;
import java.util.function.LongSupplier;

import io.keel.governor.Progress;
import io.keel.governor.ProgressReporter;

/**
 * Turns a handler's progress reports into a {@link Progress} with a smoothed ETA, and decides which
 * reports deserve an event.
 *
 * <p>ETA: the rate (percent per nanosecond) is an exponentially weighted moving average of the rates
 * between successive reports that moved forward, so one slow or fast step does not swing the estimate;
 * ETA = (100 - percent) / rate.
 *
 * <p>Throttle: a handler reporting in a tight loop must not flood listeners, so an event is wanted only
 * for the first report, a new step, reaching 100%, or when {@link #MIN_EVENT_INTERVAL_NANOS} passed
 * since the last one. The latest value is always readable through {@link #current()}.
 *
 * <p>Thread-safety: reports are serialised by this object's monitor (short, never blocking inside);
 * {@link #current()} is a volatile read of an immutable record.
 */
final class ProgressTracker implements ProgressReporter {

    static final long MIN_EVENT_INTERVAL_NANOS = 50_000_000L;
    private static final double ALPHA = 0.3;

    /** Told when a report deserves an event; called outside the monitor. */
    interface Sink {
        void progressed();
    }

    private final LongSupplier nanoTime;
    private final Sink sink;
    private volatile Progress current = Progress.NONE;
    private long startNanos = Long.MIN_VALUE;
    private long lastNanos;
    private double lastPercent;
    private double ratePerNano;
    private long lastEventNanos;
    private boolean anyEvent;

    ProgressTracker(LongSupplier nanoTime, Sink sink) {
        this.nanoTime = nanoTime;
        this.sink = sink;
    }

    Progress current() {
        return current;
    }

    @Override
    public void step(String name, int index, int count) {
        if (index < 0 || count < 0 || (count > 0 && index > count)) {
            throw new IllegalArgumentException("step index " + index + " of " + count + " is out of range");
        }
        double percent = count > 0 && index > 0 ? 100.0 * (index - 1) / count : current.percent();
        report(name, index, count, percent);
    }

    @Override
    public void percent(double percent) {
        Progress c = current;
        report(c.step(), c.stepIndex(), c.stepCount(), percent);
    }

    @Override
    public void report(String step, int index, int count, double percent) {
        if (!(percent >= 0.0 && percent <= 100.0)) {
            throw new IllegalArgumentException("percent must be within [0, 100], was " + percent);
        }
        long now = nanoTime.getAsLong();
        boolean event;
        synchronized (this) {
            Progress before = current;
            if (startNanos == Long.MIN_VALUE) {
                startNanos = now;
                lastNanos = now;
                lastPercent = before.percent();
            }
            long dt = now - lastNanos;
            double dp = percent - lastPercent;
            if (dt > 0 && dp > 0) {
                double rate = dp / dt;
                ratePerNano = ratePerNano == 0 ? rate : ALPHA * rate + (1 - ALPHA) * ratePerNano;
                lastNanos = now;
                lastPercent = percent;
            } else if (dp < 0) {
                lastNanos = now;
                lastPercent = percent;
            }
            Duration eta = percent >= 100.0 ? Duration.ZERO
                    : ratePerNano > 0 ? Duration.ofNanos((long) Math.min((100.0 - percent) / ratePerNano, 1e18)) : null;
            Progress next = new Progress(percent, step, index, count, eta);
            current = next;
            boolean newStep = index != before.stepIndex() || !java.util.Objects.equals(step, before.step());
            event = !anyEvent || newStep || percent >= 100.0 || now - lastEventNanos >= MIN_EVENT_INTERVAL_NANOS;
            if (event) {
                anyEvent = true;
                lastEventNanos = now;
            }
        }
        if (event) {
            sink.progressed();
        }
    }

    /** Marks success: 100%, nothing left, step kept for the record. */
    void complete() {
        Progress c = current;
        current = new Progress(100.0, c.step(), c.stepIndex(), c.stepCount(), Duration.ZERO);
    }
}
