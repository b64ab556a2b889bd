package io.keel.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many threads acquire and release while the pool is resized, strategies switch and instances fail:
 * no instance ever holds more than its capacity, nothing runs on an instance after it left, and every
 * slot comes back.
 */
class AgentPoolStressTest {

    @Test
    void concurrentAcquireReleaseResizeKeepsEveryInvariant() throws Exception {
        int capacity = 3;
        AgentPool pool = AgentPool.builder("stress").factory(id -> new AtomicInteger()).capacityPerInstance(capacity)
                .outlierDetection(new OutlierDetection(3, 0.5, 10, 5, Duration.ofMillis(1), Duration.ofMillis(4), 50))
                .circuitBreaker(null).build();
        pool.resize(4);
        Balancer[] strategies = {Balancer.roundRobin(), Balancer.leastConnections(), Balancer.weightedRoundRobin(),
                Balancer.resourceBased(), Balancer.responseTime(), Balancer.leastConnections(1,
                ThreadLocalRandom::current)};
        AtomicInteger overCapacity = new AtomicInteger();
        AtomicInteger acquired = new AtomicInteger();
        ConcurrentHashMap<String, Boolean> gone = new ConcurrentHashMap<>();
        AtomicInteger ranOnGone = new AtomicInteger();
        int threads = 8;
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < 20_000; i++) {
                        PoolLease lease;
                        try {
                            lease = pool.acquire();
                        } catch (NoInstanceException e) {
                            continue;
                        }
                        acquired.incrementAndGet();
                        if (gone.containsKey(lease.instanceId())) {
                            ranOnGone.incrementAndGet();
                        }
                        AtomicInteger running = (AtomicInteger) lease.target();
                        if (running.incrementAndGet() > capacity) {
                            overCapacity.incrementAndGet();
                        }
                        running.decrementAndGet();
                        lease.release(ThreadLocalRandom.current().nextInt(10) != 0, Duration.ofNanos(1000), null);
                    }
                } finally {
                    done.countDown();
                }
            }));
        }
        List<CompletableFuture<Void>> leaving = new ArrayList<>();
        for (int round = 0; done.getCount() > 0 && round < 2_000; round++) {
            pool.useBalancer(strategies[round % strategies.length]);
            pool.resize(1 + round % 6);
            for (InstanceStatus s : pool.status().members()) {
                if (s.state() == InstanceState.DRAINING) {
                    String id = s.id();
                    try {
                        leaving.add(pool.unregister(id).thenRun(() -> gone.put(id, true)));
                    } catch (IllegalArgumentException alreadyLeft) {
                        // it left between the status and the call
                    }
                }
            }
            Thread.onSpinWait();
        }
        for (Thread w : workers) {
            w.join();
        }
        assertThat(acquired.get()).isPositive();
        assertThat(overCapacity.get()).isZero();
        assertThat(ranOnGone.get()).isZero();
        PoolStatus status = pool.status();
        assertThat(status.busy()).as("every slot released").isZero();
        assertThat(status.members()).allSatisfy(m -> assertThat(m.inFlight()).isZero());
        assertThat(status.members()).noneMatch(m -> m.state() == InstanceState.DRAINING);
        assertThat(CompletableFuture.allOf(leaving.toArray(CompletableFuture[]::new))).isCompleted();
    }
}
