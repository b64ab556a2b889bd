package io.keel.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.keel.testkit.ManualClock;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Predictive against reactive scaling on three days of a daily cycle (quiet nights, a half-hour
 * morning rush to ten times the night load, a working-day plateau, an evening fall), with noise, on a
 * manual clock. Instances take five minutes to start, so a purely reactive autoscaler is always late
 * for the rush. Day one is for learning; days two and three are compared.
 */
class PredictiveScalingTest {

    private static final int DAY = 1440;
    private static final int SLOTS = 10;
    private static final int STARTUP_TICKS = 5;

    private static double[] load(long seed) {
        Random random = new Random(seed);
        double[] load = new double[3 * DAY];
        for (int t = 0; t < load.length; t++) {
            int minute = t % DAY;
            double base;
            if (minute < 480) {
                base = 20;
            } else if (minute < 510) {
                base = 20 + 180.0 * (minute - 480) / 30;
            } else if (minute < 1050) {
                base = 200;
            } else if (minute < 1080) {
                base = 200 - 180.0 * (minute - 1050) / 30;
            } else {
                base = 20;
            }
            load[t] = base * (0.95 + 0.1 * random.nextDouble());
        }
        return load;
    }

    private record Outcome(long waitingOps, long instanceTicks) {
    }

    private static Outcome simulate(double[] load, boolean predictive) {
        ManualClock clock = new ManualClock();
        ScalingPolicy.Builder policy = ScalingPolicy.custom().instances(1, 40).targetUtilisation(0.7)
                .targetQueuePerInstance(5).tolerance(0.1).period(Duration.ofMinutes(1)).scaleUpStep(4, 100)
                .scaleDownStep(1, 20).stabilisation(Duration.ZERO, Duration.ofMinutes(5))
                .cooldown(Duration.ZERO, Duration.ofMinutes(1));
        if (predictive) {
            policy.predictive(Duration.ofMinutes(STARTUP_TICKS));
        }
        SimulatedPool pool = new SimulatedPool(SLOTS, STARTUP_TICKS, 3);
        Autoscaler autoscaler = Autoscaler.builder("daily", policy.build()).scaler(pool).signals(pool).clock(clock)
                .forecast(new SeasonalForecast(Duration.ofDays(1), Duration.ofMinutes(1), Duration.ofMinutes(15)))
                .build();
        long waitingBefore = 0;
        long ticksBefore = 0;
        for (int t = 0; t < load.length; t++) {
            if (t == DAY) {
                waitingBefore = pool.waitingOps;
                ticksBefore = pool.instanceTicks;
            }
            pool.step(Math.round(load[t]));
            clock.advance(Duration.ofMinutes(1));
            autoscaler.evaluate();
        }
        return new Outcome(pool.waitingOps - waitingBefore, pool.instanceTicks - ticksBefore);
    }

    @Test
    void predictiveModeQueuesLessAtNoMoreThanTenPercentExtraInstanceHours() {
        for (long seed = 1; seed <= 3; seed++) {
            double[] load = load(seed);
            Outcome reactive = simulate(load, false);
            Outcome predictive = simulate(load, true);
            assertThat(predictive.waitingOps()).as("operations waiting, seed %d (reactive %d)", seed,
                    reactive.waitingOps()).isLessThan(reactive.waitingOps());
            assertThat((double) predictive.instanceTicks()).as("instance-minutes, seed %d", seed)
                    .isLessThanOrEqualTo(reactive.instanceTicks() * 1.10);
            System.out.printf("seed %d: waiting reactive=%d predictive=%d; instance-hours reactive=%.1f predictive=%.1f%n",
                    seed, reactive.waitingOps(), predictive.waitingOps(), reactive.instanceTicks() / 60.0,
                    predictive.instanceTicks() / 60.0);
        }
    }

    @Test
    void theSeasonalForecastNeedsOneSeasonAndThenFollowsTheCycle() {
        ManualClock clock = new ManualClock();
        SeasonalForecast f = new SeasonalForecast(Duration.ofDays(1), Duration.ofMinutes(5), Duration.ofMinutes(15));
        for (int m = 0; m < DAY; m += 5) {
            f.observe(clock.instant(), m >= 600 && m < 700 ? 100 : 10);
            assertThat(f.expectedLoad(clock.instant().plus(Duration.ofMinutes(10)))).isNaN();
            clock.advance(Duration.ofMinutes(5));
        }
        // Day two, 09:50, with a 20 % higher level than yesterday: the 10:00 rush is expected.
        for (int m = 0; m < 590; m += 5) {
            f.observe(clock.instant(), 12);
            clock.advance(Duration.ofMinutes(5));
        }
        assertThat(f.expectedLoad(clock.instant().plus(Duration.ofMinutes(15))))
                .isCloseTo(102, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.expectedLoad(clock.instant().plus(Duration.ofMinutes(5)))).isCloseTo(12,
                org.assertj.core.data.Offset.offset(1e-9));
    }
}
