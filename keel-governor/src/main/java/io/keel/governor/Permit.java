package io.keel.governor;

/**
 * The lightest way in: a running permit counted against the same limits as operations (global and
 * per-agent concurrency, memory budget) but without an operation record, id, deadline or events. It
 * never waits and never queues: {@link Governor#tryAcquirePermit} returns null when nothing is free or
 * when queued work is waiting (a permit never overtakes the queue). Meant for hot paths that guard a
 * few microseconds of work; use {@link Slot} when the work should be visible, queued or timed out.
 *
 * <pre>{@code
 * Permit p = governor.tryAcquirePermit("parse", 0);
 * if (p == null) return overloaded();
 * try (p) { ... }
 * }</pre>
 */
public interface Permit extends AutoCloseable {

    /** Gives the permit and its bytes back. Call it once, from the thread that holds it; later calls are ignored. */
    @Override
    void close();
}
