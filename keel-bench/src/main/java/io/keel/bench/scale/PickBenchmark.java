package io.keel.bench.scale;

import io.keel.scale.AgentPool;
import io.keel.scale.Balancer;
import io.keel.scale.Candidates;
import io.keel.scale.InstanceState;
import io.keel.scale.InstanceView;
import io.keel.scale.PoolLease;
import io.keel.scale.ResourceLoad;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One pick among 100 instances: Keel's balancers beside a bare AtomicInteger round robin (the
 * cheapest possible pick, the ratio's denominator), and the pool's whole acquire + release path.
 *
 * <pre>
 * ./mvnw -B -q -o -pl keel-bench -am package -DskipTests
 * $JAVA_HOME/bin/java -cp "keel-bench/target/classes:$(cat keel-bench/target/classpath.txt)" \
 *     org.openjdk.jmh.Main 'io.keel.bench.scale.PickBenchmark' -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PickBenchmark {

    static final int N = 100;

    /** 100 ready instances with live, uneven in-flight counts. */
    static final class Live implements Candidates {
        final Instance[] instances = new Instance[N];
        final Object generation = new Object();

        Live() {
            SplittableRandom random = new SplittableRandom(42);
            for (int i = 0; i < N; i++) {
                instances[i] = new Instance("i" + i, random.nextInt(8), random.nextDouble(1e6, 5e6));
            }
        }

        @Override
        public int size() {
            return N;
        }

        @Override
        public InstanceView get(int index) {
            return instances[index];
        }

        @Override
        public boolean available(int index) {
            return instances[index].inFlight.get() < 16;
        }

        @Override
        public int effectiveCapacity(int index) {
            return 16;
        }

        @Override
        public int effectiveWeight(int index) {
            return 1;
        }

        @Override
        public Object generation() {
            return generation;
        }

        @Override
        public long nanoTime() {
            return 0;
        }
    }

    static final class Instance implements InstanceView {
        final String id;
        final AtomicInteger inFlight;
        final double latency;

        Instance(String id, int inFlight, double latency) {
            this.id = id;
            this.inFlight = new AtomicInteger(inFlight);
            this.latency = latency;
        }

        @Override public String id() { return id; }
        @Override public Object target() { return id; }
        @Override public int capacity() { return 16; }
        @Override public int weight() { return 1; }
        @Override public InstanceState state() { return InstanceState.READY; }
        @Override public int inFlight() { return inFlight.get(); }
        @Override public double latencyEwmaNanos() { return latency; }
        @Override public ResourceLoad reportedLoad() { return null; }
        @Override public int ejections() { return 0; }
    }

    Live live;
    final AtomicInteger bare = new AtomicInteger();
    Balancer roundRobin;
    Balancer leastConnectionsScan;
    Balancer leastConnectionsP2c;
    Balancer responseTimeP2c;
    AgentPool poolP2c;
    AgentPool poolScan;

    @Setup
    public void setUp() {
        live = new Live();
        roundRobin = Balancer.roundRobin();
        leastConnectionsScan = Balancer.leastConnections(N, java.util.concurrent.ThreadLocalRandom::current);
        leastConnectionsP2c = Balancer.leastConnections();
        responseTimeP2c = Balancer.responseTime();
        poolP2c = AgentPool.builder("p2c").factory(id -> id).capacityPerInstance(1_000_000).build();
        poolP2c.resize(N);
        poolScan = AgentPool.builder("scan").factory(id -> id).capacityPerInstance(1_000_000)
                .balancer(leastConnectionsScan).build();
        poolScan.resize(N);
    }

    @Benchmark
    public Object bareAtomicRoundRobin() {
        return live.instances[Math.floorMod(bare.getAndIncrement(), N)];
    }

    @Benchmark
    public int roundRobin() {
        return roundRobin.pick(live);
    }

    @Benchmark
    public int leastConnectionsFullScan() {
        return leastConnectionsScan.pick(live);
    }

    @Benchmark
    public int leastConnectionsP2c() {
        return leastConnectionsP2c.pick(live);
    }

    @Benchmark
    public int responseTimeP2c() {
        return responseTimeP2c.pick(live);
    }

    private static final Duration TOOK = Duration.ofNanos(1000);

    @Benchmark
    public String poolAcquireReleaseP2c() {
        PoolLease lease = poolP2c.acquire();
        lease.release(true, TOOK, null);
        return lease.instanceId();
    }

    @Benchmark
    public String poolAcquireReleaseFullScan() {
        PoolLease lease = poolScan.acquire();
        lease.release(true, TOOK, null);
        return lease.instanceId();
    }
}
