package io.keel.cache.internal;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import io.keel.cache.CacheStats;
import io.keel.cache.TierStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Exposes {@link CacheStats} as {@code keel.cache.*} meters. A scrape reads many meters; the snapshot (which walks
 * L1 for temperatures) is taken at most once a second and shared by them.
 */
final class CacheMeters {

    private CacheMeters() {
    }

    /** {@code l1HitsCounted} false: the cache does not count L1 hits, so no L1 hit counter is registered at all. */
    static void bind(MeterRegistry registry, String name, Supplier<CacheStats> stats, LongSupplier ticker,
                     boolean l1HitsCounted) {
        Snapshot snapshot = new Snapshot(stats, ticker);
        for (String tier : new String[] {"l1", "l2"}) {
            Tags tags = Tags.of("cache", name, "tier", tier);
            if (l1HitsCounted || !tier.equals("l1")) {
                counter(registry, "keel.cache.hits", tags, snapshot, s -> tier(s.get(), tier).hits());
            }
            counter(registry, "keel.cache.misses", tags, snapshot, s -> tier(s.get(), tier).misses());
            counter(registry, "keel.cache.loads", tags, snapshot, s -> tier(s.get(), tier).loads());
            counter(registry, "keel.cache.load.seconds", tags, snapshot, s -> tier(s.get(), tier).loadNanos() / 1e9);
            counter(registry, "keel.cache.evictions", tags, snapshot, s -> tier(s.get(), tier).evictions());
            Gauge.builder("keel.cache.entries", snapshot, s -> tier(s.get(), tier).entries()).tags(tags)
                    .register(registry);
            Gauge.builder("keel.cache.size.bytes", snapshot, s -> tier(s.get(), tier).sizeBytes()).tags(tags)
                    .register(registry);
            Gauge.builder("keel.cache.hit.rate", snapshot, s -> tier(s.get(), tier).hitRate()).tags(tags)
                    .register(registry);
        }
        Tags base = Tags.of("cache", name);
        Gauge.builder("keel.cache.keys", snapshot, s -> s.get().temperatures().hot()).tags(base.and("class", "hot"))
                .register(registry);
        Gauge.builder("keel.cache.keys", snapshot, s -> s.get().temperatures().warm()).tags(base.and("class", "warm"))
                .register(registry);
        Gauge.builder("keel.cache.keys", snapshot, s -> s.get().temperatures().cold()).tags(base.and("class", "cold"))
                .register(registry);
        Gauge.builder("keel.cache.l2.available", snapshot, s -> s.get().l2Available() ? 1 : 0).tags(base)
                .register(registry);
        counter(registry, "keel.cache.l2.switches", base, snapshot, s -> s.get().breakerSwitches());
        counter(registry, "keel.cache.l2.errors", base, snapshot, s -> s.get().l2Errors());
        counter(registry, "keel.cache.prefetches", base, snapshot, s -> s.get().prefetched());
    }

    private static void counter(MeterRegistry registry, String name, Tags tags, Snapshot snapshot,
                                ToDoubleFunction<Snapshot> value) {
        FunctionCounter.builder(name, snapshot, value).tags(tags).register(registry);
    }

    private static TierStats tier(CacheStats stats, String tier) {
        return tier.equals("l1") ? stats.l1() : stats.l2();
    }

    private static final class Snapshot {
        private record Taken(CacheStats stats, long at) {
        }

        private final Supplier<CacheStats> source;
        private final LongSupplier ticker;
        private final AtomicReference<Taken> last = new AtomicReference<>();

        Snapshot(Supplier<CacheStats> source, LongSupplier ticker) {
            this.source = source;
            this.ticker = ticker;
        }

        CacheStats get() {
            long now = ticker.getAsLong();
            Taken t = last.get();
            if (t == null || now - t.at() > 1_000_000_000L) {
                t = new Taken(source.get(), now);
                last.set(t);
            }
            return t.stats();
        }
    }
}
