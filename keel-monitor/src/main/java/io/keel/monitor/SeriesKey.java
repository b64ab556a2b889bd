package io.keel.monitor;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Identifies one time series: a metric name and its tags, e.g. {@code keel.system.disk.free.ratio{store=/}}.
 * Tags are kept sorted so two keys built in a different order are equal.
 */
public record SeriesKey(String name, Map<String, String> tags) {

    public SeriesKey {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("series name must not be blank, was '" + name + "'");
        }
        tags = tags == null || tags.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    /** A key from a name and alternating tag keys and values: {@code SeriesKey.of("x", "agent", "sleep")}. */
    public static SeriesKey of(String name, String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("tags come in key/value pairs, got " + keyValues.length + " strings");
        }
        Map<String, String> tags = new TreeMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            tags.put(keyValues[i], keyValues[i + 1]);
        }
        return new SeriesKey(name, tags);
    }

    /** True when every tag of {@code selector} is present here with the same value. */
    public boolean matches(Map<String, String> selector) {
        for (Map.Entry<String, String> e : selector.entrySet()) {
            if (!e.getValue().equals(tags.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return tags.isEmpty() ? name : name + tags;
    }
}
