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

    /**
     * A batch of versioned writes. KEYS data keys; ARGV[1] channel ('' = none), ARGV[2] origin, ARGV[3] length of
     * the data key prefix, then per key: version, blob, ttlMs, tag count, tag set keys... → one 1 (written) or 0
     * (refused) per key. The written keys are announced in one {@code KEYS} invalidation ({@code <len>:<key>} each,
     * lengths in bytes) carrying the batch's highest written version, in the same atomic step as the writes.
     */
    public static final String PUT_MANY = NEWER + """
            local channel, origin, plen = ARGV[1], ARGV[2], tonumber(ARGV[3])
            local out, announced = {}, {}
            local top, topText = -1, '0'
            local a = 4
            for i = 1, #KEYS do
              local versionText = ARGV[a]
              local version = tonumber(versionText)
              local ttl = tonumber(ARGV[a + 2])
              local tags = tonumber(ARGV[a + 3])
              local kind, v = stored(KEYS[i])
              if v and v >= version then
                out[i] = 0
              else
                redis.call('SET', KEYS[i], ARGV[a + 1], 'PX', ttl)
                for t = a + 4, a + 3 + tags do
                  redis.call('SADD', ARGV[t], KEYS[i])
                  if redis.call('PTTL', ARGV[t]) < ttl then redis.call('PEXPIRE', ARGV[t], ttl) end
                end
                out[i] = 1
                local name = string.sub(KEYS[i], plen + 1)
                announced[#announced + 1] = #name .. ':' .. name
                if version > top then top, topText = version, versionText end
              end
              a = a + 4 + tags
            end
            if channel ~= '' and #announced > 0 then
              redis.call('PUBLISH', channel, origin .. '|KEYS|' .. topText .. '|' .. table.concat(announced))
            end
            return out
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
