package io.keel.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A shared second cache level (Redis in production, {@link InMemorySecondLevel} embedded and in tests).
 *
 * <p>Every write carries a version. A write whose version is not greater than the version already stored for the
 * key — a value or an invalidation tombstone — is refused, checked atomically by the store. This is what keeps a
 * delayed write-behind or a slow load from overwriting a newer value or resurrecting an invalidated one.
 *
 * <p>Keys are the string form of cache keys; implementations add their own namespace. All methods are
 * asynchronous and must not throw: failures are reported through the returned future.
 */
public interface SecondLevel extends AutoCloseable {

    /** The live value for the key, or {@code null} when absent, expired or invalidated. */
    CompletableFuture<L2Entry> get(String key);

    /** Live values of those keys that have one, read in one round trip. */
    CompletableFuture<Map<String, L2Entry>> getAll(Collection<String> keys);

    /**
     * The live values of the keys in the order asked, {@code null} where a key has none, read in one round trip.
     * Bulk readers walk their keys in order, so this spares them building and probing a map per call; stores
     * whose replies come in request order (Redis {@code MGET}) should answer it directly.
     */
    default CompletableFuture<List<L2Entry>> getEach(List<String> keys) {
        return getAll(keys).thenApply(found -> {
            L2Entry[] each = new L2Entry[keys.size()];
            for (int i = 0; i < each.length; i++) {
                each[i] = found.get(keys.get(i));
            }
            return Arrays.asList(each);
        });
    }

    /**
     * Stores the value unless the key already holds a version {@code >= version}; if it was written and
     * {@code origin} is not null, announces {@code Invalidation(origin, KEY, key, version)} to subscribers in the
     * same atomic step, so no node can miss a write that landed (no crash window between write and publish).
     *
     * @return whether the value was written
     */
    CompletableFuture<Boolean> put(String key, byte[] value, long version, Set<String> tags, Duration ttl,
                                   String origin);

    /** {@link #put(String, byte[], long, Set, Duration, String)} without an announcement. */
    default CompletableFuture<Boolean> put(String key, byte[] value, long version, Set<String> tags, Duration ttl) {
        return put(key, value, version, tags, ttl, null);
    }

    /** One versioned write of a batch; see {@link #putAll}. */
    record Write(String key, byte[] value, long version, Set<String> tags, Duration ttl) {
    }

    /**
     * Applies many versioned writes, each with the rule of {@link #put(String, byte[], long, Set, Duration, String)}
     * (a write lands only over an older version). Implementations should use one round trip for the batch; the
     * written keys are announced to subscribers (as one {@link Invalidation.Kind#KEYS} message or one per key).
     *
     * @return for each write, in order, whether it was written
     */
    default CompletableFuture<List<Boolean>> putAll(List<Write> writes, String origin) {
        List<CompletableFuture<Boolean>> each = new ArrayList<>(writes.size());
        for (Write w : writes) {
            each.add(put(w.key(), w.value(), w.version(), w.tags(), w.ttl(), origin));
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> each.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Replaces the key with a tombstone of this version (kept {@code tombstoneTtl}) unless it holds a newer version.
     *
     * @return whether a live value was removed
     */
    CompletableFuture<Boolean> delete(String key, long version, Duration tombstoneTtl);

    /** Tombstones every key written with this tag. @return how many live values were removed */
    CompletableFuture<Long> deleteByTag(String tag, long version, Duration tombstoneTtl);

    /**
     * Tombstones every key matching a Redis-style glob (never a blocking full-key listing).
     *
     * @return live values removed
     */
    CompletableFuture<Long> deleteByPattern(String glob, long version, Duration tombstoneTtl);

    /** Tells every subscribed node to drop entries from its first level. */
    CompletableFuture<Void> publish(Invalidation invalidation);

    /** Delivers invalidations published by any node, including this one, until the handle is closed. */
    AutoCloseable subscribe(InvalidationListener listener);

    /** Completes when the store answers; the circuit breaker's probe. */
    CompletableFuture<Void> ping();

    /**
     * False while this level has never reached its store ({@link DeferredSecondLevel} before its first successful
     * connection). A cache built on such a level starts with its circuit breaker open, as after an outage: it
     * serves from L1, probes, and takes L2 into use through the usual close (replay what L2 missed, drop L1).
     */
    default boolean connected() {
        return true;
    }

    /** Entries stored under this level's namespace, or -1 when counting them would be too costly. */
    default long estimatedEntries() {
        return -1;
    }

    @Override
    void close();
}
