package io.keel.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A clock that moves only when a test says so. It serves both shapes of time Keel's components take:
 * wall time as an {@link InstantSource} and monotonic time as a nanosecond {@link LongSupplier}.
 * Both advance together, so a component that mixes them sees one consistent timeline.
 *
 * <p>Thread-safe: the current time is one atomic long, so readers on other threads never see a torn value.
 */
public final class ManualClock implements InstantSource, LongSupplier {

    private final Instant origin;
    private final AtomicLong elapsedNanos = new AtomicLong();

    public ManualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public ManualClock(Instant origin) {
        this.origin = origin;
    }

    /** Moves time forward; a negative amount is a test bug and is refused. */
    public ManualClock advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("time only moves forward, not by " + amount);
        }
        elapsedNanos.addAndGet(amount.toNanos());
        return this;
    }

    public ManualClock advanceMillis(long millis) {
        return advance(Duration.ofMillis(millis));
    }

    @Override
    public Instant instant() {
        return origin.plusNanos(elapsedNanos.get());
    }

    /** Monotonic nanoseconds since this clock was made, in the manner of {@link System#nanoTime()}. */
    public long nanoTime() {
        return elapsedNanos.get();
    }

    @Override
    public long getAsLong() {
        return nanoTime();
    }
}
