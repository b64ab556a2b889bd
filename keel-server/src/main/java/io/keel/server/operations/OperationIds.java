package io.keel.server.operations;

import java.time.InstantSource;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes time-ordered ids (UUID version 7): the first 48 bits are the Unix time in ms, so ids sort by
 * creation time, which keyset pagination on {@code (createdAt, id)} relies on.
 *
 * <p>Thread-safe. Within one millisecond a 12-bit counter (the {@code rand_a} field) keeps ids strictly
 * increasing; the state (ms << 12 | counter) advances with one CAS loop, borrowing the next millisecond if
 * the counter overflows, so an id never goes backwards even if the wall clock does.
 */
public final class OperationIds {

    private final InstantSource clock;
    private final AtomicLong state = new AtomicLong();

    public OperationIds(InstantSource clock) {
        this.clock = clock;
    }

    public String next() {
        long now = clock.millis() << 12;
        long value = state.updateAndGet(previous -> Math.max(previous + 1, now));
        long millis = value >>> 12;
        long counter = value & 0xFFF;
        long high = (millis << 16) | 0x7000L | counter;
        // Uniqueness, not secrecy: ThreadLocalRandom avoids SecureRandom's shared lock on the submit path.
        long low = (ThreadLocalRandom.current().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
