package io.keel.cache.internal;

import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hybrid logical clock for L2 versions: wall-clock milliseconds times 1,000 plus a counter, never going back, and
 * pushed past any version this node has observed. Values stay below 2^53 so Redis' Lua (doubles) compares them
 * exactly. Within one node versions strictly increase; across nodes they order causally related writes, and
 * unrelated concurrent writes by wall time (bounded by clock skew between nodes).
 *
 * <p>Thread-safe: one atomic long, advanced by CAS.
 */
public final class VersionClock {

    private final InstantSource clock;
    private final AtomicLong last = new AtomicLong();

    public VersionClock(InstantSource clock) {
        this.clock = clock;
    }

    public long next() {
        long wall = clock.millis() * 1_000;
        return last.accumulateAndGet(wall, (prev, w) -> Math.max(prev + 1, w));
    }

    public void observe(long version) {
        last.accumulateAndGet(version, Math::max);
    }
}
