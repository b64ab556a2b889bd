package io.keel.cache.redis.internal;

/**
 * The Lua scripts that make each versioned write atomic in Redis: read the stored version (value or tombstone),
 * write only if ours is greater. A single write first tries {@code SET … NX}, which lands exactly when nothing is
 * stored (so there is no version to beat) and costs one command instead of a read and a write; only the head of a
 * stored blob is then read ({@code GETRANGE 0 23}: the kind letter, at most 16 digits below 2^53 and the ';'). A
 * batch write, the write-behind's path, writes a value of up to 4 KB with {@code SET … GET} (Redis 6.2+) and judges
 * the version it replaced: one command per key whether the key was fresh or held an older version (three before
 * session 7), and a second only for the rare refused write, which puts the stored blob back with {@code KEEPTTL}.
 * Larger values take the {@code SET … NX}, {@code GETRANGE} path, so no large stored value is copied into Lua.
 * Tag set names travel in ARGV, so these scripts assume a standalone Redis (or keys and tags hashed to one slot),
 * not a cluster.
 */
public final class Scripts {

    private Scripts() {
    }

    private static final String NEWER = """
            local function stored(key)
              local cur = redis.call('GETRANGE', key, 0, 23)
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
            local ttl = tonumber(ARGV[3])
            if not redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl, 'NX') then
              local kind, v = stored(KEYS[1])
              if v and v >= version then return 0 end
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl)
            end
            if ARGV[4] ~= '' then redis.call('PUBLISH', ARGV[4], ARGV[5]) end
            for i = 6, #ARGV do
              redis.call('SADD', ARGV[i], KEYS[1])
              if redis.call('PTTL', ARGV[i]) < ttl then redis.call('PEXPIRE', ARGV[i], ttl) end
            end
            return 1
            """;

    /**
     * A batch of versioned writes. KEYS data keys; ARGV[1] channel ('' = none), ARGV[2] origin, ARGV[3] length of
     * the data key prefix, ARGV[4] the tag set key prefix, ARGV[5] the announcement of every key of the batch
     * ({@code <len>:<key>} each, lengths in bytes, built by the client), then per key: blob, ttlMs, its tags... The
     * version and the tag count are read from the blob ({@code V<version>;<tagCount>;}), so they do not travel
     * twice. → one 1 (written) or 0 (refused) per key. The written keys are announced in one {@code KEYS}
     * invalidation carrying the batch's highest written version, in the same atomic step as the writes. Redis runs
     * this script on its one thread for every key that leaves the write-behind, so the per-key work is kept to one
     * command (two for a refused or a large stored one) and the version checks, done on the decimal text: the
     * announcement is the client's unless a key was refused, the rare case where the script lists the written keys
     * itself.
     */
    public static final String PUT_MANY = """
            local channel, origin, plen, tagPrefix, everyKey = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5]
            -- Versions and TTLs stay strings: a Lua number handed to redis.call is printed with sprintf and
            -- tonumber runs strtod, which together took a sixth of Redis' time in this loop. Decimal versions
            -- without leading zeros compare by length first, then as text.
            local function below(a, b)
              return #a < #b or (#a == #b and a < b)
            end
            local SMALL = 4096
            local out = {}
            local refused = false
            local topText = nil
            local a = 6
            for i = 1, #KEYS do
              local blob, ttlText = ARGV[a], ARGV[a + 1]
              local versionText, tagCount = string.match(blob, '^V(%d+);(%d+);')
              -- A small value is written first and judged after: SET ... GET hands back what it replaced, so a
              -- fresh or an older key costs one command, and the rare refused write puts the stored blob back
              -- (its expiry restarts at this write's TTL; a tombstone may outlive its own, never the reverse). A
              -- large value (judged by ours: a key's values tend to keep their size) is judged first from the
              -- stored blob's head, so the stored value is never copied into Lua: SET NX, else GETRANGE and SET.
              local storedText, replaced, written
              if #blob <= SMALL then
                replaced = redis.call('SET', KEYS[i], blob, 'PX', ttlText, 'GET')
                storedText = replaced and string.match(replaced, '^[VT](%d+);')
                written = true
              else
                written = redis.call('SET', KEYS[i], blob, 'PX', ttlText, 'NX')
                if not written then
                  storedText = string.match(redis.call('GETRANGE', KEYS[i], 0, 23), '^[VT](%d+);')
                end
              end
              if storedText and not below(storedText, versionText) then
                if written then redis.call('SET', KEYS[i], replaced, 'KEEPTTL') end
                out[i] = 0
                refused = true
              else
                if not written then redis.call('SET', KEYS[i], blob, 'PX', ttlText) end
                if tagCount ~= '0' then
                  local ttl = tonumber(ttlText)
                  for t = a + 2, a + 1 + tonumber(tagCount) do
                    local set = tagPrefix .. ARGV[t]
                    redis.call('SADD', set, KEYS[i])
                    if redis.call('PTTL', set) < ttl then redis.call('PEXPIRE', set, ttlText) end
                  end
                end
                out[i] = 1
                if topText == nil or below(topText, versionText) then topText = versionText end
              end
              a = a + 2
              if tagCount ~= '0' then a = a + tonumber(tagCount) end
            end
            if channel ~= '' and topText ~= nil then
              local announced = everyKey
              if refused then
                local written = {}
                for i = 1, #KEYS do
                  if out[i] == 1 then
                    local name = string.sub(KEYS[i], plen + 1)
                    written[#written + 1] = #name .. ':' .. name
                  end
                end
                announced = table.concat(written)
              end
              redis.call('PUBLISH', channel, origin .. '|KEYS|' .. topText .. '|' .. announced)
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
