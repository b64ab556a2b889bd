package io.keel.monitor.internal;

import io.keel.monitor.SeriesKey;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ObjDoubleConsumer;

/**
 * The sampler's latest values, one holder per series, each exposed as a Micrometer gauge in every bound
 * registry. Holders are created on first write and never removed (a vanished file store reads NaN), so
 * the gauge set only grows with real hardware, not with time.
 *
 * <p>Thread-safe: the sampler thread writes volatile doubles; scrapes and history reads see a recent value.
 */
public final class Gauges {

    private static final class Holder {
        volatile double value = Double.NaN;
    }

    private final Map<SeriesKey, Holder> holders = new ConcurrentHashMap<>();
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    public void set(SeriesKey key, double value) {
        Holder h = holders.get(key);
        if (h == null) {
            h = holders.computeIfAbsent(key, k -> {
                Holder fresh = new Holder();
                registries.forEach(r -> register(r, k, fresh));
                return fresh;
            });
        }
        h.value = value;
    }

    public void bindTo(MeterRegistry registry) {
        registries.add(registry);
        holders.forEach((k, h) -> register(registry, k, h));
    }

    private static void register(MeterRegistry registry, SeriesKey key, Holder holder) {
        Tags tags = Tags.empty();
        for (Map.Entry<String, String> e : key.tags().entrySet()) {
            tags = tags.and(e.getKey(), e.getValue());
        }
        Gauge.builder(key.name(), holder, h -> h.value).tags(tags).strongReference(true).register(registry);
    }

    public double get(SeriesKey key) {
        Holder h = holders.get(key);
        return h == null ? Double.NaN : h.value;
    }

    public void forEach(ObjDoubleConsumer<SeriesKey> consumer) {
        holders.forEach((k, h) -> consumer.accept(k, h.value));
    }

    public int size() {
        return holders.size();
    }
}
