package io.keel.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.keel.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The autoscaler against synthetic load curves, on a manual clock: one tick = one period = 1 minute,
 * 10 slots per instance, target utilisation 70 %, 5 queued per instance, tolerance 10 %, 1..20
 * instances, up by max(4, 100 %) and down by max(1, 20 %) per period, 5-minute down stabilisation.
 */
class AutoscalerSimulationTest {

    private static final int SLOTS = 10;
    private static final ScalingPolicy POLICY = ScalingPolicy.custom().instances(1, 20).targetUtilisation(0.7)
            .targetQueuePerInstance(5).tolerance(0.1).period(Duration.ofMinutes(1)).scaleUpStep(4, 100)
            .scaleDownStep(1, 20).stabilisation(Duration.ZERO, Duration.ofMinutes(5))
            .cooldown(Duration.ZERO, Duration.ofMinutes(1)).build();

    private final ManualClock clock = new ManualClock();

    private record Run(SimulatedPool pool, Autoscaler autoscaler, List<Integer> sizes) {
    }

    private Run run(ScalingPolicy policy, int initial, int ticks, IntToDoubleFunction load) {
        SimulatedPool pool = new SimulatedPool(SLOTS, 0, initial);
        Autoscaler autoscaler = Autoscaler.builder("sim", policy).scaler(pool).signals(pool).clock(clock)
                .historySize(10_000).build();
        List<Integer> sizes = new ArrayList<>();
        for (int t = 0; t < ticks; t++) {
            pool.step(Math.round(load.applyAsDouble(t)));
            clock.advance(policy.period());
            autoscaler.evaluate();
            sizes.add(pool.currentSize());
            assertThat(pool.currentSize()).as("size at tick %d", t)
                    .isBetween(policy.minInstances(), policy.maxInstances());
        }
        return new Run(pool, autoscaler, sizes);
    }

    private static int needed(double load) {
        return (int) Math.ceil(load / (SLOTS * 0.7));
    }

    @Test
    void aStepIsMetWithinFourPeriodsAndSettlesOnTheNeededSize() {
        Run r = run(POLICY, 2, 80, t -> t < 20 ? 10 : 100);
        int reachedAt = -1;
        for (int t = 20; t < 80; t++) {
            if (r.sizes().get(t) >= needed(100)) {
                reachedAt = t;
                break;
            }
        }
        assertThat(reachedAt - 20).as("periods to reach %d instances", needed(100)).isBetween(0, 4);
        assertThat(r.sizes().getLast()).isEqualTo(needed(100));
        assertThat(r.pool().backlog).isZero();
    }

    @Test
    void aRampIsTrackedWithinThreePeriods() {
        IntToDoubleFunction load = t -> t < 60 ? 10 + 2 * t : 130;
        Run r = run(POLICY, 2, 90, load);
        for (int t = 3; t < 90; t++) {
            int lagged = (int) Math.ceil(load.applyAsDouble(t - 3) / (SLOTS * 0.7 * 1.1));
            assertThat(r.sizes().get(t)).as("size at tick %d", t).isGreaterThanOrEqualTo(lagged);
        }
        double utilisation = 130.0 / (r.sizes().getLast() * SLOTS);
        assertThat(utilisation).as("final utilisation within the tolerance band").isBetween(0.63, 0.77);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aNoisyPlateauDoesNotFlap(long seed) {
        Random random = new Random(seed);
        Run r = run(POLICY, 1, 300, t -> 60 * (0.9 + 0.2 * random.nextDouble()));
        long scalingsAfterSettling = r.autoscaler().history().stream()
                .filter(ScalingDecision::applied)
                .filter(d -> d.at().isAfter(clock.instant().minus(Duration.ofMinutes(300 - 10))))
                .count();
        assertThat(scalingsAfterSettling).as("scalings over 290 noisy minutes").isLessThanOrEqualTo(4);
        assertThat(r.sizes().getLast()).isBetween(needed(54), needed(66) + 1);
    }

    @Test
    void aShortSpikeIsAbsorbedAndTheSizeComesBack() {
        Run r = run(POLICY, 3, 60, t -> t >= 10 && t < 12 ? 150 : 20);
        int peak = r.sizes().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertThat(peak).isGreaterThan(needed(20)).isLessThanOrEqualTo(20);
        assertThat(r.sizes().getLast()).isEqualTo(needed(20));
        assertThat(r.pool().backlog).isZero();
        // up at most twice, then one step down per period after stabilisation
        long ups = r.autoscaler().history().stream().filter(d -> d.direction().equals("up")).count();
        assertThat(ups).isLessThanOrEqualTo(3);
    }

    @Test
    void neverGoesAboveMaxOrBelowMin() {
        Run high = run(POLICY, 1, 30, t -> 1000);
        assertThat(high.sizes().getLast()).isEqualTo(20);
        Run idle = run(POLICY, 5, 60, t -> 0);
        assertThat(idle.sizes().getLast()).isEqualTo(1);
    }

    @Test
    void decisionsCarryReasonsAndInputs() {
        Run r = run(POLICY, 2, 40, t -> t < 10 ? 10 : t < 20 ? 100 : 10);
        List<ScalingDecision> history = r.autoscaler().history();
        ScalingDecision firstUp = history.stream().filter(d -> d.direction().equals("up")).findFirst().orElseThrow();
        assertThat(firstUp.reason()).contains("vs target");
        assertThat(firstUp.inputs()).containsKeys("current", "busy", "queued", "utilisation", "proposal.utilisation",
                "queuePerInstance", "recommended");
        assertThat(history).anySatisfy(d -> {
            assertThat(d.applied()).isFalse();
            assertThat(d.reason()).startsWith("held: scale-down stabilisation");
        });
        assertThat(history).anySatisfy(d -> assertThat(d.direction()).isEqualTo("down"));
    }

    @Test
    void recordsMetrics() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SimulatedPool pool = new SimulatedPool(SLOTS, 0, 1);
        Autoscaler a = Autoscaler.builder("m", POLICY).scaler(pool).signals(pool).clock(clock).meterRegistry(registry)
                .build();
        pool.step(100);
        clock.advance(Duration.ofMinutes(1));
        a.evaluate();
        assertThat(registry.get("keel.autoscaler.scalings").tag("direction", "up").counter().count()).isEqualTo(1);
        assertThat(registry.get("keel.autoscaler.current").gauge().value()).isEqualTo(pool.currentSize());
        assertThat(registry.get("keel.autoscaler.desired").gauge().value()).isEqualTo(pool.currentSize());
    }

    @Test
    void anIdlePoolScalesToZeroAndTheFirstOperationWakesIt() {
        ScalingPolicy policy = POLICY.toBuilder().instances(0, 5).scaleToZero(Duration.ofMinutes(10)).build();
        AgentPool pool = AgentPool.builder("sleepy").factory(id -> id).capacityPerInstance(SLOTS).nanoClock(clock)
                .build();
        pool.resize(2);
        Autoscaler a = Autoscaler.forPool(pool, policy, () -> 0).clock(clock).build();
        pool.onEmpty(a::wake);
        for (int t = 0; t < 30 && pool.size() > 0; t++) {
            clock.advance(Duration.ofMinutes(1));
            a.evaluate();
        }
        assertThat(pool.size()).isZero();
        assertThat(a.history()).anySatisfy(d -> assertThat(d.reason()).contains("scale to zero"));

        PoolLease lease = pool.acquire();
        assertThat(lease.target()).isNotNull();
        assertThat(pool.size()).isEqualTo(1);
        assertThat(a.history().getLast().reason()).isEqualTo("wake on first operation");
        assertThat(a.history().getLast().to()).isEqualTo(1);
    }

    @Test
    void cpuAndMemoryDriveScalingWhenTheyAreTheScarcestAndTheLargestProposalWins() {
        ScalingPolicy policy = POLICY.toBuilder().targetCpu(0.5).targetMemory(0.8).build();
        int[] size = {4};
        Scaler scaler = new Scaler() {
            @Override
            public int currentSize() {
                return size[0];
            }

            @Override
            public void scaleTo(int n) {
                size[0] = n;
            }
        };
        double[] cpu = {0.75};
        double[] memory = {0.4};
        Autoscaler a = Autoscaler.builder("cpu", policy).scaler(scaler).clock(clock)
                .signals(() -> new ScalingSignals(size[0], SLOTS, size[0] * 7, 0, cpu[0], memory[0])).build();
        clock.advance(Duration.ofMinutes(1));
        ScalingDecision d = a.evaluate();
        assertThat(d.to()).as("cpu 0.75 / 0.5 on 4 instances").isEqualTo(6);
        assertThat(d.reason()).startsWith("cpu 0.75");
        assertThat(d.inputs()).containsEntry("proposal.cpu", 6.0).containsEntry("proposal.memory", 2.0);

        cpu[0] = 0.5;
        memory[0] = 1.0;
        clock.advance(Duration.ofMinutes(1));
        d = a.evaluate();
        assertThat(d.to()).as("memory 1.0 / 0.8 on 6 instances").isEqualTo(8);
        assertThat(d.reason()).startsWith("memory 1.00");
    }

    @Test
    void predictiveModeTakesAnExternalForecastOneHorizonAhead() {
        ScalingPolicy policy = POLICY.toBuilder().predictive(Duration.ofMinutes(5)).build();
        SimulatedPool pool = new SimulatedPool(SLOTS, 0, 2);
        java.util.List<java.time.Instant> asked = new ArrayList<>();
        Autoscaler a = Autoscaler.builder("ahead", policy).scaler(pool).signals(pool).clock(clock)
                .forecast(at -> {
                    asked.add(at);
                    return 100;
                }).build();
        pool.step(10);
        clock.advance(Duration.ofMinutes(1));
        ScalingDecision d = a.evaluate();
        assertThat(asked).containsExactly(clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(d.reason()).startsWith("forecast load 100.0");
        assertThat(d.to()).as("step-limited from 2 by max(4, 100 %%)").isEqualTo(6);
        clock.advance(Duration.ofMinutes(1));
        assertThat(a.evaluate().to()).isEqualTo(12);
        clock.advance(Duration.ofMinutes(1));
        assertThat(a.evaluate().to()).isEqualTo(needed(100));
    }

    @Test
    void policiesRefuseConflictingOrBadSettings() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScalingPolicy.custom().instances(0, 3).build())
                .isInstanceOf(IllegalStateException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScalingPolicy.custom().targetUtilisation(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScalingPolicy.custom().tolerance(-0.1))
                .hasMessageContaining("-0.1");
    }
}
