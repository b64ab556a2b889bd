package io.keel.server.config;

import java.util.Locale;

/** Where the result cache keeps its second level ({@code KEEL_CACHE_L2}). */
public enum CacheSecondLevel {
    /** Redis at {@code KEEL_REDIS_URL}: shared by every node using it. */
    REDIS,
    /** The records database: shared by the nodes of one PostgreSQL; on the embedded H2, this node's and kept. */
    DATABASE,
    /** L1 only. */
    NONE;

    /**
     * The setting's value, or the default when it is unset: Redis when a Redis URL is set, else none.
     *
     * @throws IllegalArgumentException naming the setting, for an unknown value or Redis without a URL
     */
    static CacheSecondLevel parse(String value, String redisUrl) {
        if (value == null || value.isBlank()) {
            return redisUrl != null ? REDIS : NONE;
        }
        CacheSecondLevel level;
        try {
            level = valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Setting.CACHE_L2.envName()
                    + ": must be redis, database or none, was '" + value + "'");
        }
        if (level == REDIS && redisUrl == null) {
            throw new IllegalArgumentException(Setting.CACHE_L2.envName() + ": redis needs "
                    + Setting.REDIS_URL.envName());
        }
        return level;
    }
}
