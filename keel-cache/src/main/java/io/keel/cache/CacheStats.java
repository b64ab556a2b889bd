package io.keel.cache;

/**
 * A snapshot of a {@link TieredCache}: per tier counters, key temperatures and the second level's health.
 *
 * @param l2Available     false while the circuit breaker keeps the cache on its first level only
 * @param breakerSwitches how often the breaker has opened or closed
 * @param l2Errors        second-level commands that failed or timed out (never seen by callers)
 */
public record CacheStats(TierStats l1, TierStats l2, Temperatures temperatures, boolean l2Available,
                         long breakerSwitches, long l2Errors, long prefetched, long negativeHits) {
}
