package io.keel.bench.governor;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.keel.governor.AgentSpec;
import io.keel.governor.Governor;
import io.keel.governor.Limits;
import io.keel.governor.Permit;
import io.keel.governor.Slot;

/**
 * Uncontended admission cost: acquire + release of one unit of concurrency.
 * <ul>
 *   <li>{@code semaphore}: bare {@link Semaphore} tryAcquire + release (the yardstick);</li>
 *   <li>{@code resilience4jBulkhead}: Resilience4j SemaphoreBulkhead tryAcquirePermission + onComplete;</li>
 *   <li>{@code keelPermit}: Keel's bare permit (global cap, per-agent cap and byte budget; granted counter on);</li>
 *   <li>{@code keelPermitTimed}: the same with per-permit duration timing (two nanoTime reads);</li>
 *   <li>{@code nanoTime}, {@code nanoTimeTwice}: the clock's own cost (one read; a start and end pair, the
 *       floor of any per-permit timing), to read beside the timed variant;</li>
 *   <li>{@code keelSlot}: the full F2 slot, an operation with an id, record, deadline and metrics.</li>
 * </ul>
 * Each method runs at 1 and 2 threads (the {@code ...2t} twins).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(3)
@State(Scope.Benchmark)
public class SlotAcquireBenchmark {

    private static final long BYTES = 1024;

    private Semaphore semaphore;
    private Bulkhead bulkhead;
    private Governor governor;
    private Governor timedGovernor;

    @Setup(Level.Trial)
    public void setUp() {
        semaphore = new Semaphore(1_000);
        bulkhead = Bulkhead.of("bench", BulkheadConfig.custom().maxConcurrentCalls(1_000)
                .maxWaitDuration(Duration.ZERO).build());
        Limits limits = Limits.defaults().withMaxConcurrency(1_000).withMaxConcurrencyPerAgent(1_000);
        governor = Governor.builder().limits(limits).build();
        governor.registerAgent(AgentSpec.io("bench"));
        timedGovernor = Governor.builder().limits(limits).timePermits(true).build();
        timedGovernor.registerAgent(AgentSpec.io("bench"));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        governor.close();
        timedGovernor.close();
    }

    @Benchmark
    public boolean semaphore() {
        boolean ok = semaphore.tryAcquire();
        if (ok) {
            semaphore.release();
        }
        return ok;
    }

    @Benchmark
    @Threads(2)
    public boolean semaphore2t() {
        return semaphore();
    }

    @Benchmark
    public boolean resilience4jBulkhead() {
        boolean ok = bulkhead.tryAcquirePermission();
        if (ok) {
            bulkhead.onComplete();
        }
        return ok;
    }

    @Benchmark
    @Threads(2)
    public boolean resilience4jBulkhead2t() {
        return resilience4jBulkhead();
    }

    @Benchmark
    public boolean keelPermit() {
        Permit p = governor.tryAcquirePermit("bench", BYTES);
        if (p == null) {
            return false;
        }
        p.close();
        return true;
    }

    @Benchmark
    @Threads(2)
    public boolean keelPermit2t() {
        return keelPermit();
    }

    @Benchmark
    public boolean keelPermitTimed() {
        Permit p = timedGovernor.tryAcquirePermit("bench", BYTES);
        if (p == null) {
            return false;
        }
        p.close();
        return true;
    }

    @Benchmark
    @Threads(2)
    public boolean keelPermitTimed2t() {
        return keelPermitTimed();
    }

    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    /** What timing adds to a permit at least: a start and an end read, as the timed permit does. */
    @Benchmark
    public long nanoTimeTwice() {
        long start = System.nanoTime();
        return System.nanoTime() - start;
    }

    @Benchmark
    public String keelSlot() throws InterruptedException {
        try (Slot slot = governor.acquire("bench", BYTES, "bench", Duration.ofSeconds(10))) {
            return slot.operationId();
        }
    }

    @Benchmark
    @Threads(2)
    public String keelSlot2t() throws InterruptedException {
        return keelSlot();
    }
}
