package io.keel.server.cache;

import java.util.LinkedHashMap;
import java.util.Map;

import io.keel.cache.CacheStats;
import io.keel.cache.TierStats;

/** The body of {@code GET /api/v1/cache/stats} (API.md "Cache"). */
final class CacheStatsJson {

    private CacheStatsJson() {
    }

    /**
     * {@code {"l1":{tier},"l2":{tier},"hot","warm","cold","l2Enabled","l2Available"}}; a tier is
     * {@code {"hits","misses","hitRate","evictions","entries","sizeBytes"}}, where {@code entries} and
     * {@code sizeBytes} are null when the tier cannot count them (a shared Redis).
     */
    static Map<String, Object> of(CacheStats stats, boolean l2Enabled) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("l1", tier(stats.l1()));
        body.put("l2", tier(stats.l2()));
        body.put("hot", stats.temperatures().hot());
        body.put("warm", stats.temperatures().warm());
        body.put("cold", stats.temperatures().cold());
        body.put("l2Enabled", l2Enabled);
        body.put("l2Available", l2Enabled && stats.l2Available());
        return body;
    }

    private static Map<String, Object> tier(TierStats t) {
        Map<String, Object> tier = new LinkedHashMap<>();
        tier.put("hits", t.hits());
        tier.put("misses", t.misses());
        tier.put("hitRate", t.hitRate());
        tier.put("evictions", t.evictions());
        tier.put("entries", t.entries() < 0 ? null : t.entries());
        tier.put("sizeBytes", t.sizeBytes() < 0 ? null : t.sizeBytes());
        return tier;
    }
}
