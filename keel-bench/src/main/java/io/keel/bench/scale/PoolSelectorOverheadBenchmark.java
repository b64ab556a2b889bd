package io.keel.bench.scale;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.keel.governor.AgentSpec;
import io.keel.governor.Governor;
import io.keel.governor.InstanceSelector;
import io.keel.governor.Limits;
import io.keel.governor.Operation;
import io.keel.governor.OperationSpec;
import io.keel.governor.OperationTask;
import io.keel.scale.AgentPool;
import io.keel.scale.Balancer;
import io.keel.scale.BalancerStrategy;
import io.keel.scale.CostModel;
import io.keel.scale.CostTracker;
import io.keel.server.scale.PoolInstanceSelector;
import java.time.InstantSource;
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

/**
 * What the server's scale feature adds to every operation: the governor with the default local selector
 * ("local") against the governor whose selector acquires a slot from an in-process agent pool (least
 * connections) and records the outcome in the pool and the cost tracker ("pool"), as keel-server's
 * PoolInstanceSelector does. In-process echo operations, batches of {@value #BATCH}; score = operations/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class PoolSelectorOverheadBenchmark {

    static final int BATCH = 1_000;
    private static final OperationTask<String> ECHO = ctx -> ctx.instance().instanceId();

    @Param({"local", "pool"})
    public String selector;

    private Governor governor;
    private AgentPool pool;
    private OperationSpec<String> spec;

    @Setup(Level.Trial)
    public void setUp() {
        InstanceSelector chosen = InstanceSelector.local();
        if (selector.equals("pool")) {
            pool = AgentPool.builder("echo").factory(id -> "echo-" + id).capacityPerInstance(64)
                    .balancer(Balancer.of(BalancerStrategy.LEAST_CONNECTIONS)).outlierDetection(null)
                    .circuitBreaker(null).build();
            pool.resize(1);
            CostTracker costs = new CostTracker(InstantSource.system());
            costs.model("echo", CostModel.of(0.02, 0.00001, 0));
            // the server's own selector, so the benchmark measures the code that runs
            PoolInstanceSelector poolSelector = new PoolInstanceSelector();
            poolSelector.add(pool);
            poolSelector.costs(costs);
            chosen = poolSelector;
        }
        governor = Governor.builder()
                .limits(Limits.defaults().withMaxConcurrency(64).withMaxConcurrencyPerAgent(64)
                        .withQueueCapacity(100_000))
                .instanceSelector(chosen)
                .build();
        governor.registerAgent(AgentSpec.io("echo"));
        spec = OperationSpec.builder("echo", ECHO).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        governor.close();
        if (pool != null) {
            pool.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int echoBatch() {
        @SuppressWarnings("unchecked")
        CompletableFuture<String>[] results = new CompletableFuture[BATCH];
        for (int i = 0; i < BATCH; i++) {
            Operation<String> op = governor.submit(spec);
            results[i] = op.result();
        }
        CompletableFuture.allOf(results).join();
        return results.length;
    }
}
