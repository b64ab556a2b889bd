package io.keel.cache.jdbc.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.keel.cache.Invalidation;

/**
 * Invalidations on H2, which has no {@code NOTIFY}: delivered within this JVM to every level open on the same
 * database URL, tables and namespace. Nodes in other processes sharing an H2 server do not hear them; H2 is meant
 * for one process (embedded use, tests).
 *
 * <p>The registry is static because two levels over one in-memory H2 database share nothing else; entries are
 * removed as levels close.
 */
public final class LocalBus {

    private static final Map<String, Set<Listeners>> SUBSCRIBED = new ConcurrentHashMap<>();

    private LocalBus() {
    }

    public static void join(String address, Listeners listeners) {
        SUBSCRIBED.computeIfAbsent(address, a -> ConcurrentHashMap.newKeySet()).add(listeners);
    }

    public static void leave(String address, Listeners listeners) {
        SUBSCRIBED.computeIfPresent(address, (a, set) -> {
            set.remove(listeners);
            return set.isEmpty() ? null : set;
        });
    }

    public static void deliver(String address, Invalidation invalidation) {
        for (Listeners listeners : SUBSCRIBED.getOrDefault(address, Set.of())) {
            listeners.deliver(invalidation);
        }
    }
}
