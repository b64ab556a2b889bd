package io.keel.bench.governor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.keel.governor.AgentSpec;
import io.keel.governor.Governor;
import io.keel.governor.Limits;
import io.keel.governor.Operation;
import io.keel.governor.OperationSpec;
import io.keel.governor.OperationTask;

/**
 * In-process trivial operations (echo, no persistence, no listener): a batch of {@value #BATCH} submits,
 * then wait for all of them; the score is operations per second. Beside it, the same batch run on bare
 * virtual threads (one per task, joined the same way) as the floor any per-task-thread design pays.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class InProcessThroughputBenchmark {

    static final int BATCH = 1_000;
    private static final OperationTask<String> ECHO = ctx -> ctx.operationId();

    @Param({"64"})
    public int maxConcurrency;

    private Governor governor;
    private OperationSpec<String> spec;

    @Setup(Level.Trial)
    public void setUp() {
        governor = Governor.builder()
                .limits(Limits.defaults().withMaxConcurrency(maxConcurrency).withMaxConcurrencyPerAgent(maxConcurrency)
                        .withQueueCapacity(100_000))
                .build();
        governor.registerAgent(AgentSpec.io("echo"));
        spec = OperationSpec.builder("echo", ECHO).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        governor.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int keelEcho() {
        @SuppressWarnings("unchecked")
        CompletableFuture<String>[] results = new CompletableFuture[BATCH];
        for (int i = 0; i < BATCH; i++) {
            Operation<String> op = governor.submit(spec);
            results[i] = op.result();
        }
        CompletableFuture.allOf(results).join();
        return results.length;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int bareVirtualThreads() throws InterruptedException {
        Thread[] threads = new Thread[BATCH];
        for (int i = 0; i < BATCH; i++) {
            threads[i] = Thread.ofVirtual().start(() -> { });
        }
        for (Thread t : threads) {
            t.join();
        }
        return threads.length;
    }
}
