package io.keel.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.keel.cache.internal.DefaultTieredCache;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A two-level cache: Caffeine in the process (L1) over an optional shared {@link SecondLevel} (L2).
 *
 * <p>Reads go L1 → L2 (promoting to L1) → loader, with one load per key per node at a time. Writes go to L1 at once
 * and to L2 behind the caller (or before returning, without write-behind). Invalidations reach L2 and every node's
 * L1; once an invalidating call returns, this node never serves the value it removed. L2 trouble never reaches the
 * caller: the cache runs on L1 alone until L2 answers again.
 */
public interface TieredCache<K, V> extends AutoCloseable {

    static <K, V> TieredCache<K, V> create(CacheConfig<K, V> config) {
        return new DefaultTieredCache<>(config);
    }

    /** The value if either tier has it (an L2 hit is promoted to L1), else {@code null}. */
    V getIfPresent(K key);

    /** Read-through: L1, then L2, then {@code loader} (once per key on this node, however many callers wait). */
    V get(K key, Function<? super K, ? extends V> loader);

    /** {@link #get} without blocking the caller; the loader runs on the cache's executor. */
    CompletableFuture<V> getAsync(K key, Function<? super K, ? extends V> loader);

    /** Values of those keys either tier has; L2 misses of L1 are fetched in one bulk read. */
    Map<K, V> getAll(Collection<? extends K> keys);

    CompletableFuture<Map<K, V>> getAllAsync(Collection<? extends K> keys);

    /** Stores with the cache's TTL and the tagger's tags. */
    void put(K key, V value);

    /** Stores with its own TTL ({@code null} = the cache's) and tags. */
    void put(K key, V value, Duration ttl, Set<String> tags);

    /** Completes when L2 has been written (or skipped while unavailable). */
    CompletableFuture<Void> putAsync(K key, V value, Duration ttl, Set<String> tags);

    /** Sends every write-behind write still waiting and returns once L2 answered for each (bounded by timeouts). */
    void flush();

    /** Removes the key from both tiers and every node's L1. @return 1 if a value was removed, else 0 */
    long invalidate(K key);

    /** Removes every entry carrying the tag, in both tiers and on every node. @return entries removed */
    long invalidateTag(String tag);

    /** Removes every key matching a Redis-style glob ({@code *}, {@code ?}, {@code [..]}). @return entries removed */
    long invalidatePattern(String glob);

    /** Runs the registered warmers, each within the warm budget. Failures are reported, not thrown. */
    WarmReport warm();

    /**
     * Periodic housekeeping for the owner's scheduler: decays access counts, demotes cold entries when configured,
     * probes a tripped L2, runs Caffeine's pending maintenance.
     */
    void maintain();

    /** The temperature of one key, or {@code null} when L1 does not hold it. */
    Temperature temperatureOf(K key);

    CacheStats stats();

    /** Registers {@code keel.cache.*} meters, tagged {@code cache=<name>} and {@code tier=l1|l2}. */
    void bindTo(MeterRegistry registry);

    /** Changes L1's bound at run time, in the unit it was built with (bytes when byte-bounded, else entries). */
    void resizeL1(long maximum);

    /**
     * A function whose results are cached, keyed by {@code keyOf(argument)}; e.g.
     * {@code cache.wrap(CacheKey.function("fib"), this::fib)} for a String-keyed cache.
     */
    default <A> Function<A, V> wrap(Function<? super A, ? extends K> keyOf, Function<? super A, ? extends V> fn) {
        return argument -> get(keyOf.apply(argument), k -> fn.apply(argument));
    }

    @Override
    void close();
}
