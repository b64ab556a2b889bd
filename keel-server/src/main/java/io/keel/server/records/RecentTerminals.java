package io.keel.server.records;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ids recently committed in a terminal state, so a late progress write for them is dropped before it reaches the
 * pending batch (where {@code find} would briefly show it). Bounded; older ids fall back on the SQL guard.
 * Not thread-safe: used under the store's lock.
 */
final class RecentTerminals {

    private final Map<String, Boolean> ids;

    RecentTerminals(int capacity) {
        this.ids = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    void add(String id) {
        ids.put(id, Boolean.TRUE);
    }

    boolean contains(String id) {
        return ids.containsKey(id);
    }
}
