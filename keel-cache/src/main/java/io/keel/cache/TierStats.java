package io.keel.cache;

/**
 * Counters of one cache tier since start. {@code entries} and {@code sizeBytes} are -1 when the tier cannot count
 * them cheaply (a shared Redis), and 0 for a disabled tier; {@code hits} is -1 when the cache was built not to count
 * them ({@link CacheConfig.Builder#countL1Hits(boolean)}).
 */
public record TierStats(long hits, long misses, long loads, long loadNanos, long evictions, long entries,
                        long sizeBytes) {

    public static final TierStats DISABLED = new TierStats(0, 0, 0, 0, 0, 0, 0);

    /** hits / (hits + misses), 0 before the first request, NaN when hits are not counted. */
    public double hitRate() {
        if (hits < 0) {
            return Double.NaN;
        }
        long requests = hits + misses;
        return requests == 0 ? 0.0 : (double) hits / requests;
    }
}
