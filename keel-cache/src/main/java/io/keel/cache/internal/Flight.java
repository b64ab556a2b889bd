package io.keel.cache.internal;

import java.util.concurrent.CompletableFuture;

/**
 * One in-progress load of one key on this node; every concurrent reader of the key waits on {@link #result}.
 *
 * <p>Invariant: a flight stores its result into L1 only if no write or invalidation of its key happened on this
 * node since it started. Writers call {@link #markStale()} (after removing the flight from the flight table, so
 * later readers start a fresh load); the flight publishes under the same lock, so either the publish happened
 * first (and the writer's subsequent L1 removal wins) or the flight sees the mark and does not publish. The lock is
 * the flight's own monitor: a bulk read starts a flight per key, and a separate lock object per key showed up there.
 */
final class Flight<V> {

    final CompletableFuture<L1Entry<V>> result = new CompletableFuture<>();
    private boolean stale;

    synchronized void markStale() {
        stale = true;
    }

    /** Runs {@code store} unless the flight went stale; returns whether it ran. */
    synchronized boolean publish(Runnable store) {
        if (stale) {
            return false;
        }
        store.run();
        return true;
    }
}
