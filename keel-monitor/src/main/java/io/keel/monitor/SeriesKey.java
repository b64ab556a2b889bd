package io.keel.monitor;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Identifies one time series: a metric name and its tags, e.g. {@code keel.system.disk.free.ratio{store=/}}.
 * Tags are kept sorted so two keys built in a different order are equal. Immutable; the hash is computed
 * once because keys are looked up on every sample.
 */
public final class SeriesKey {

    private final String name;
    private final Map<String, String> tags;
    private final int hash;

    public SeriesKey(String name, Map<String, String> tags) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("series name must not be blank, was '" + name + "'");
        }
        this.name = name;
        this.tags = tags == null || tags.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tags));
        this.hash = 31 * name.hashCode() + this.tags.hashCode();
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

    public String name() {
        return name;
    }

    public Map<String, String> tags() {
        return tags;
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
    public boolean equals(Object o) {
        return o == this || o instanceof SeriesKey k && k.hash == hash && k.name.equals(name) && k.tags.equals(tags);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return tags.isEmpty() ? name : name + tags;
    }
}
