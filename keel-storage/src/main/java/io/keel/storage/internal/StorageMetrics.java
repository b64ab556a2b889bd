package io.keel.storage.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.keel.storage.StorageStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The store's {@code keel.storage.*} meters. Gauges read the last computed {@link StorageStats} (refreshed by
 * every stats call, ingest-independent), so a scrape never queries the database.
 */
final class StorageMetrics {

    private final MeterRegistry registry;
    private final Counter ingestBytes;
    private final Counter readBytes;
    private final Counter integrityFailures;
    private final AtomicReference<StorageStats> lastStats =
            new AtomicReference<>(new StorageStats(0, 0, 0, 0, 0, 0, 0));

    StorageMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.ingestBytes = Counter.builder("keel.storage.ingest.bytes").baseUnit("bytes")
                .description("original bytes ingested").register(registry);
        this.readBytes = Counter.builder("keel.storage.read.bytes").baseUnit("bytes")
                .description("original bytes delivered by reads").register(registry);
        this.integrityFailures = Counter.builder("keel.storage.integrity.failures")
                .description("reads or scrubs that found bytes not matching their SHA-256").register(registry);
        Gauge.builder("keel.storage.files", lastStats, s -> s.get().files()).register(registry);
        Gauge.builder("keel.storage.logical.bytes", lastStats, s -> s.get().logicalBytes()).baseUnit("bytes")
                .register(registry);
        Gauge.builder("keel.storage.stored.bytes", lastStats, s -> s.get().storedBytes()).baseUnit("bytes")
                .register(registry);
        Gauge.builder("keel.storage.capacity.bytes", lastStats, s -> s.get().capacityBytes()).baseUnit("bytes")
                .register(registry);
        Gauge.builder("keel.storage.utilization", lastStats, s -> s.get().utilizationPercent()).baseUnit("percent")
                .description("stored bytes over capacity; the monitor's low-space rule watches it")
                .register(registry);
    }

    void ingest(String outcome, long nanos, long bytes) {
        Timer.builder("keel.storage.ingest").tag("outcome", outcome).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        ingestBytes.increment(bytes);
    }

    void read(long bytes) {
        readBytes.increment(bytes);
    }

    void integrityFailure() {
        integrityFailures.increment();
    }

    void removed(String reason, long count) {
        if (count > 0) {
            Counter.builder("keel.storage.removed").tag("reason", reason).register(registry).increment(count);
        }
    }

    void run(String kind, long nanos) {
        Timer.builder("keel.storage." + kind).register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    void stats(StorageStats stats) {
        lastStats.set(stats);
    }
}
