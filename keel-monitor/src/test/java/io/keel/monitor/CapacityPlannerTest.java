package io.keel.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CapacityPlannerTest {

    /** 10 ms of CPU, 2 MB held while in flight, 5 ms of a DB connection and 50 ms latency per request. */
    private final CostPerRequest cost = new CostPerRequest(0.010, 2e6, 0.005, 0.050);

    @Test
    void plansCoresMemoryAndConnectionsForATargetRateWithHeadroom() {
        CapacityPlan plan = CapacityPlanner.plan(cost, CapacityTarget.of(1000).withBaseline(0.5, 200e6));
        // 10 cores busy + 0.5 baseline = 10.5, at most 70 % busy -> 15 cores
        assertThat(plan.busyCores()).isCloseTo(10.5, within(1e-9));
        assertThat(plan.cores()).isEqualTo(15);
        // Little: 1000/s × 0.05 s = 50 in flight × 2 MB = 100 MB + 200 MB baseline, at most 80 % full -> 375 MB
        assertThat(plan.concurrentRequests()).isCloseTo(50, within(1e-9));
        assertThat(plan.memoryBytes()).isEqualTo(375_000_000L);
        // 5 connections busy, at most 80 % of the pool -> 7 (6.25 rounded up)
        assertThat(plan.busyConnections()).isCloseTo(5, within(1e-9));
        assertThat(plan.connections()).isEqualTo(7);
        assertThat(plan.notes()).isNotEmpty();
    }

    @Test
    void planScalesLinearlyWithTheRate() {
        CapacityPlan small = CapacityPlanner.plan(cost, CapacityTarget.of(70));
        CapacityPlan large = CapacityPlanner.plan(cost, CapacityTarget.of(7000));
        assertThat(small.cores()).isEqualTo(1);
        assertThat(large.cores()).isEqualTo(100);
    }

    @Test
    void costIsMeasuredFromAWindowOfTraffic() {
        // 60 s, 6000 requests, 60 CPU-seconds, 5 in flight on average, 300 MB working set over a 200 MB idle heap,
        // DB connections busy 30 s in total
        CostPerRequest measured = CostPerRequest.measure(Duration.ofSeconds(60), 6000, 60, 5, 300e6, 200e6, 30);
        assertThat(measured.cpuSeconds()).isCloseTo(0.01, within(1e-12));
        assertThat(measured.latencySeconds()).isCloseTo(0.05, within(1e-12));
        assertThat(measured.bytesInFlight()).isCloseTo(20e6, within(1e-3));
        assertThat(measured.connectionSeconds()).isCloseTo(0.005, within(1e-12));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> CapacityTarget.of(-1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> new CostPerRequest(Double.NaN, 0, 0, 0)).hasMessageContaining("cpuSeconds");
        assertThatThrownBy(() -> CostPerRequest.measure(Duration.ofSeconds(1), 0, 1, 1, 1, 1, 1))
                .hasMessageContaining("0");
    }
}
