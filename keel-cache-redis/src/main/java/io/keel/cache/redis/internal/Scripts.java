package io.keel.cache.redis.internal;

/**
 * The Lua scripts that make each versioned write atomic in Redis: read the stored version (value or tombstone),
 * write only if ours is greater. Tag set names travel in ARGV, so these scripts assume a standalone Redis (or
 * keys and tags hashed to one slot), not a cluster.
 */
public final class Scripts {

    private Scripts() {
    }

    private static final String NEWER = """
            local function stored(key)
              local cur = redis.call('GET', key)
              if not cur then return nil, nil end
              local kind, v = string.match(cur, '^([VT])(%d+);')
              return kind, tonumber(v)
            end
            local function tomb(key, version, blob, ttl)
              local kind, v = stored(key)
              if v and v >= version then return 0 end
              redis.call('SET', key, blob, 'PX', ttl)
              if kind == 'V' then return 1 end
              return 0
            end
            """;

    /**
     * KEYS[1] data key; ARGV version, blob, ttlMs, channel ('' = none), message, tag set keys... → 1 written,
     * 0 refused. A write publishes its own invalidation, so it cannot land unannounced.
     */
    public static final String PUT = NEWER + """
            local version = tonumber(ARGV[1])
            local kind, v = stored(KEYS[1])
            if v and v >= version then return 0 end
            local ttl = tonumber(ARGV[3])
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl)
            if ARGV[4] ~= '' then redis.call('PUBLISH', ARGV[4], ARGV[5]) end
            for i = 6, #ARGV do
              redis.call('SADD', ARGV[i], KEYS[1])
              if redis.call('PTTL', ARGV[i]) < ttl then redis.call('PEXPIRE', ARGV[i], ttl) end
            end
            return 1
            """;

    /** KEYS data keys; ARGV version, tombstone blob, ttlMs → live values removed. */
    public static final String DELETE = NEWER + """
            local version = tonumber(ARGV[1])
            local removed = 0
            for i = 1, #KEYS do removed = removed + tomb(KEYS[i], version, ARGV[2], ARGV[3]) end
            return removed
            """;

    /** KEYS[1] tag set; ARGV version, tombstone blob, ttlMs → live values removed; the set is deleted. */
    public static final String DELETE_TAG = NEWER + """
            local version = tonumber(ARGV[1])
            local removed = 0
            for _, key in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              removed = removed + tomb(key, version, ARGV[2], ARGV[3])
            end
            redis.call('DEL', KEYS[1])
            return removed
            """;
}
