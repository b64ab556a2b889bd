package io.keel.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;


/**
 * A second level held in this process: the same contract as Redis (versions, tombstones, tags, glob deletes,
 * pub/sub) for embedded use and for tests that run several cache "nodes" in one JVM.
 *
 * <p>Thread-safe: each key's check-and-write runs inside {@link ConcurrentHashMap#compute}, the atomic step Redis
 * gets from a Lua script. Tag sets may name keys that were overwritten without the tag; a tag delete then removes
 * them too, which errs on the safe side. Invalidations are delivered synchronously on the publishing thread.
 */
public final class InMemorySecondLevel implements SecondLevel {

    private record Stored(byte[] value, long version, Set<String> tags, long expiresAt) {
        boolean live(long now) {
            return value != null && now < expiresAt;
        }
    }

    private final LongSupplier ticker;
    private final Map<String, Stored> data = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> tagIndex = new ConcurrentHashMap<>();
    private final List<InvalidationListener> listeners = new CopyOnWriteArrayList<>();

    public InMemorySecondLevel() {
        this(System::nanoTime);
    }

    public InMemorySecondLevel(LongSupplier nanoTicker) {
        this.ticker = nanoTicker;
    }

    @Override
    public CompletableFuture<L2Entry> get(String key) {
        Stored s = data.get(key);
        return CompletableFuture.completedFuture(s != null && s.live(ticker.getAsLong())
                ? new L2Entry(s.value(), s.version(), s.tags()) : null);
    }

    @Override
    public CompletableFuture<Map<String, L2Entry>> getAll(Collection<String> keys) {
        long now = ticker.getAsLong();
        Map<String, L2Entry> found = new HashMap<>();
        for (String key : keys) {
            Stored s = data.get(key);
            if (s != null && s.live(now)) {
                found.put(key, new L2Entry(s.value(), s.version(), s.tags()));
            }
        }
        return CompletableFuture.completedFuture(found);
    }

    @Override
    public CompletableFuture<Boolean> put(String key, byte[] value, long version, Set<String> tags, Duration ttl,
                                          String origin) {
        long now = ticker.getAsLong();
        boolean[] written = {false};
        data.compute(key, (k, old) -> {
            if (old != null && now < old.expiresAt() && old.version() >= version) {
                return old;
            }
            written[0] = true;
            return new Stored(value.clone(), version, Set.copyOf(tags), now + ttl.toNanos());
        });
        if (written[0]) {
            for (String tag : tags) {
                tagIndex.computeIfAbsent(tag, t -> ConcurrentHashMap.newKeySet()).add(key);
            }
            if (origin != null) {
                publish(new Invalidation(origin, Invalidation.Kind.KEY, key, version));
            }
        }
        return CompletableFuture.completedFuture(written[0]);
    }

    @Override
    public CompletableFuture<Boolean> delete(String key, long version, Duration tombstoneTtl) {
        return CompletableFuture.completedFuture(tombstone(key, version, tombstoneTtl));
    }

    private boolean tombstone(String key, long version, Duration tombstoneTtl) {
        long now = ticker.getAsLong();
        boolean[] removed = {false};
        data.compute(key, (k, old) -> {
            if (old != null && now < old.expiresAt() && old.version() >= version) {
                return old;
            }
            removed[0] = old != null && old.live(now);
            return new Stored(null, version, Set.of(), now + tombstoneTtl.toNanos());
        });
        return removed[0];
    }

    @Override
    public CompletableFuture<Long> deleteByTag(String tag, long version, Duration tombstoneTtl) {
        Set<String> keys = tagIndex.remove(tag);
        long removed = 0;
        if (keys != null) {
            for (String key : keys) {
                removed += tombstone(key, version, tombstoneTtl) ? 1 : 0;
            }
        }
        return CompletableFuture.completedFuture(removed);
    }

    @Override
    public CompletableFuture<Long> deleteByPattern(String glob, long version, Duration tombstoneTtl) {
        long removed = 0;
        for (String key : List.copyOf(data.keySet())) {
            if (Glob.matches(glob, key)) {
                removed += tombstone(key, version, tombstoneTtl) ? 1 : 0;
            }
        }
        return CompletableFuture.completedFuture(removed);
    }

    @Override
    public CompletableFuture<Void> publish(Invalidation invalidation) {
        for (InvalidationListener listener : listeners) {
            try {
                listener.onInvalidation(invalidation);
            } catch (RuntimeException e) {
                System.getLogger(InMemorySecondLevel.class.getName())
                        .log(System.Logger.Level.WARNING, "invalidation listener failed", e);
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public AutoCloseable subscribe(InvalidationListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public CompletableFuture<Void> ping() {
        return CompletableFuture.completedFuture(null);
    }

    /** Live values only; expired entries and tombstones are not counted. */
    @Override
    public long estimatedEntries() {
        long now = ticker.getAsLong();
        return data.values().stream().filter(s -> s.live(now)).count();
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
