package io.keel.server.operations;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, within this process, which of several concurrent submits with the same idempotency key creates
 * the operation. The store answers for keys whose operation has ended; this map covers the window before
 * the operation's record is durable.
 *
 * <p>Invariant: a key maps to the id of a live operation (or one being submitted) and is removed once that
 * operation's terminal record is saved or its submit was refused. {@link ConcurrentHashMap#putIfAbsent}
 * makes exactly one claimant win; the map is bounded by the number of live operations.
 */
public final class IdempotencyGuard {

    private final ConcurrentHashMap<String, String> liveByKey = new ConcurrentHashMap<>();

    /** @return empty if {@code id} now owns the key, else the id of the operation that owns it */
    public Optional<String> claim(String key, String id) {
        return Optional.ofNullable(liveByKey.putIfAbsent(key, id));
    }

    public Optional<String> owner(String key) {
        return Optional.ofNullable(liveByKey.get(key));
    }

    public void release(String key, String id) {
        if (key != null) {
            liveByKey.remove(key, id);
        }
    }

    public int size() {
        return liveByKey.size();
    }
}
