package io.keel.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.keel.testkit.ManualClock;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class EjectionPropertiesTest {

    @Property(tries = 200)
    void ejectedInstancesGetNoTrafficUntilTheirBackOffEnds(@ForAll @IntRange(min = 2, max = 8) int size,
                                                           @ForAll @IntRange(min = 1, max = 3) int ejectionsInARow,
                                                           @ForAll @IntRange(min = 1, max = 50) int picksPerStep) {
        ManualClock clock = new ManualClock();
        OutlierDetection detection = new OutlierDetection(3, 1.0, 10, 10, Duration.ofSeconds(10),
                Duration.ofMinutes(5), 100);
        AgentPool pool = AgentPool.builder("p").factory(id -> id).capacityPerInstance(1000)
                .balancer(Balancer.roundRobin()).outlierDetection(detection).circuitBreaker(null)
                .nanoClock(clock).build();
        pool.resize(size);
        String bad = pool.status().members().get(0).id();

        for (int round = 1; round <= ejectionsInARow; round++) {
            failUntilEjected(pool, bad);
            Duration backoff = detection.backoff(round);
            assertThat(backoff).isEqualTo(Duration.ofSeconds(10L << (round - 1)));
            long steps = 5;
            for (long s = 0; s < steps; s++) {
                for (int k = 0; k < picksPerStep; k++) {
                    PoolLease lease = pool.acquire();
                    assertThat(lease.instanceId()).as("pick during back-off").isNotEqualTo(bad);
                    lease.release(true, Duration.ofMillis(1), null);
                }
                clock.advance(backoff.dividedBy(steps + 1));
            }
            clock.advance(backoff); // past the end of the back-off, whatever the rounding
            assertThat(stateOf(pool, bad)).isEqualTo(InstanceState.READY);
            boolean served = false;
            for (int k = 0; k < size && !served; k++) {
                PoolLease lease = pool.acquire();
                served = lease.instanceId().equals(bad);
                lease.release(true, Duration.ofMillis(1), null);
            }
            assertThat(served).as("traffic returns once the back-off ended").isTrue();
        }
        assertThat(ejectionsOf(pool, bad)).isEqualTo(ejectionsInARow);
    }

    static void failUntilEjected(AgentPool pool, String id) {
        for (int guard = 0; guard < 10_000 && stateOf(pool, id) != InstanceState.EJECTED; guard++) {
            PoolLease lease = pool.acquire();
            lease.release(!lease.instanceId().equals(id), Duration.ofMillis(1), null);
        }
        assertThat(stateOf(pool, id)).isEqualTo(InstanceState.EJECTED);
    }

    static InstanceState stateOf(AgentPool pool, String id) {
        return pool.status().members().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow().state();
    }

    static int ejectionsOf(AgentPool pool, String id) {
        return pool.status().members().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow().ejections();
    }
}
