package io.keel.server.records;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Counts the writer's batches, in Micrometer when a registry is given; only the writer thread records. */
final class WriterMetrics {

    private final AtomicReference<WriterStats> stats = new AtomicReference<>(new WriterStats(0, 0, 0, 0));
    private final DistributionSummary batchSize;
    private final Timer commitTime;
    private final Counter failures;

    WriterMetrics(MeterRegistry registry) {
        if (registry == null) {
            batchSize = null;
            commitTime = null;
            failures = null;
        } else {
            batchSize = DistributionSummary.builder("keel.records.batch.size")
                    .description("records per group commit").publishPercentiles(0.5, 0.99).register(registry);
            commitTime = Timer.builder("keel.records.commit")
                    .description("time to write and commit one batch of records").publishPercentiles(0.5, 0.99)
                    .register(registry);
            failures = Counter.builder("keel.records.write.failures")
                    .description("records the writer could not store").register(registry);
        }
    }

    void batchWritten(int size, long nanos, int failed) {
        stats.updateAndGet(s -> new WriterStats(s.batches() + 1, s.records() + size,
                Math.max(s.largestBatch(), size), s.failures() + failed));
        if (batchSize != null) {
            batchSize.record(size);
            commitTime.record(nanos, TimeUnit.NANOSECONDS);
            failures.increment(failed);
        }
    }

    WriterStats snapshot() {
        return stats.get();
    }
}
