package io.keel.governor.internal;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Keeps the last {@code capacity} finished operations findable and forgets older ones, so the id map
 * stays bounded however many operations pass through. Lock-free: a ring of slots claimed by an
 * incrementing counter; the operation pushed out is removed from the map only if the map still holds
 * that very operation (an id may have been reused since).
 */
final class RecentOperations {

    private final AtomicReferenceArray<GovernedOperation<?>> ring;
    private final AtomicLong next = new AtomicLong();
    private final Map<String, GovernedOperation<?>> byId;

    RecentOperations(int capacity, Map<String, GovernedOperation<?>> byId) {
        if (capacity < 1) {
            throw new IllegalArgumentException("recent capacity must be at least 1, was " + capacity);
        }
        this.ring = new AtomicReferenceArray<>(capacity);
        this.byId = byId;
    }

    void add(GovernedOperation<?> op) {
        int slot = (int) (next.getAndIncrement() % ring.length());
        GovernedOperation<?> old = ring.getAndSet(slot, op);
        if (old != null) {
            byId.remove(old.id, old);
        }
    }
}
