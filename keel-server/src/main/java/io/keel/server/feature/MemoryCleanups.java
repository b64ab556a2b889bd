package io.keel.server.feature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * Clean-ups that features offer for times of heap pressure (G7, C5): the result cache shrinks its L1, and so on.
 * Features do not know each other, so they meet here: a feature that can free memory registers a clean-up, and
 * the monitor feature hands every clean-up, registered before or after it started, to its memory manager.
 *
 * <p>Thread-safe: registrations and the handover listeners are guarded by one lock; a listener sees every
 * clean-up exactly once, whichever came first.
 */
public final class MemoryCleanups {

    /**
     * What one clean-up freed; either figure may be an estimate, or 0 when unknown.
     *
     * @param bytes   heap bytes freed
     * @param entries entries (cache entries, records…) dropped
     */
    public record Freed(long bytes, long entries) {
        public Freed {
            bytes = Math.max(0, bytes);
            entries = Math.max(0, entries);
        }
    }

    /** Frees what it can, quickly, and says how much. */
    @FunctionalInterface
    public interface Cleanup {
        Freed run();
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Cleanup> cleanups = new LinkedHashMap<>();
    private final List<BiConsumer<String, Cleanup>> listeners = new ArrayList<>();

    public void register(String name, Cleanup cleanup) {
        lock.lock();
        try {
            if (cleanups.putIfAbsent(name, cleanup) != null) {
                throw new IllegalStateException("a memory clean-up named '" + name + "' is already registered");
            }
            listeners.forEach(listener -> listener.accept(name, cleanup));
        } finally {
            lock.unlock();
        }
    }

    /** Calls {@code listener} for every clean-up registered so far and for each one registered later. */
    public void forEach(BiConsumer<String, Cleanup> listener) {
        lock.lock();
        try {
            cleanups.forEach(listener);
            listeners.add(listener);
        } finally {
            lock.unlock();
        }
    }
}
