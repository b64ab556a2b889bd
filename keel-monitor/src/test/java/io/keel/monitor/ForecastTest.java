package io.keel.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ForecastTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final double GB = 1e9;

    /** Disk usage grows 1 GB per hour from 40 GB on a 100 GB store; after 10 h, 50 h remain. */
    private static History diskFilling(double noiseGb, long seed) {
        History h = new History(HistoryConfig.defaults());
        Random random = new Random(seed);
        for (int minute = 0; minute <= 600; minute++) {
            double used = 40 * GB + minute / 60.0 * GB + random.nextGaussian() * noiseGb * GB;
            h.record(SeriesKey.of("disk.used"), T0.plus(Duration.ofMinutes(minute)), used);
        }
        return h;
    }

    @Test
    void timeToFullOfALinearSeriesIsWithinTenPercent() {
        History h = diskFilling(0, 1);
        Instant now = T0.plus(Duration.ofHours(10));
        Forecast f = new Forecaster(h, Duration.ofHours(12)).exhaustion("disk", SeriesKey.of("disk.used"), 100 * GB, now);
        assertThat(f.exhausts()).isTrue();
        assertThat(f.timeToLimit().toMinutes() / 60.0).isCloseTo(50, within(5.0));
        assertThat(f.at()).isEqualTo(now.plus(f.timeToLimit()));
        assertThat(f.confidence()).isGreaterThan(0.99);
    }

    @Test
    void timeToFullOfANoisySeriesIsWithinTenPercent() {
        for (long seed = 1; seed <= 5; seed++) {
            History h = diskFilling(1.5, seed);
            Instant now = T0.plus(Duration.ofHours(10));
            Forecast f = new Forecaster(h, Duration.ofHours(12)).exhaustion("disk", SeriesKey.of("disk.used"), 100 * GB, now);
            assertThat(f.timeToLimit().toMinutes() / 60.0).as("seed %d", seed).isCloseTo(50, within(5.0));
            assertThat(f.confidence()).isLessThan(0.99);
        }
    }

    @Test
    void aFallingFreeRatioExhaustsAtZeroAndARisingOneNever() {
        History h = new History(HistoryConfig.defaults());
        for (int minute = 0; minute <= 120; minute++) {
            // free space falls from 50 % by 10 points per hour: 3 h left after 2 h
            h.record(SeriesKey.of(MonitorSeries.DISK_FREE_RATIO, "store", "/"), T0.plus(Duration.ofMinutes(minute)),
                    0.5 - minute / 600.0);
            h.record(SeriesKey.of(MonitorSeries.HEAP_USAGE), T0.plus(Duration.ofMinutes(minute)), 0.9 - minute / 600.0);
        }
        Instant now = T0.plus(Duration.ofHours(2));
        Forecaster forecaster = new Forecaster(h, Duration.ofHours(3));
        assertThat(forecaster.standard(now)).satisfiesExactlyInAnyOrder(
                heap -> assertThat(heap.exhausts()).isFalse(),
                disk -> {
                    assertThat(disk.resource()).isEqualTo("disk");
                    assertThat(disk.timeToLimit().toMinutes()).isCloseTo(180, within(18L));
                });
    }

    @Test
    void trendsReadDirectionAndCallNoiseStable() {
        Trends trends = Trends.defaults();
        int n = 300;
        double[] t = new double[n];
        double[] up = new double[n];
        double[] down = new double[n];
        double[] noise = new double[n];
        Random random = new Random(7);
        for (int i = 0; i < n; i++) {
            t[i] = i;
            up[i] = 0.3 + i * 0.001 + random.nextGaussian() * 0.01;
            down[i] = 0.8 - i * 0.001 + random.nextGaussian() * 0.01;
            noise[i] = 0.5 + random.nextGaussian() * 0.1;
        }
        Trend rising = trends.of("cpu", t, up, n);
        assertThat(rising.direction()).isEqualTo(Trend.Direction.INCREASING);
        assertThat(rising.slopePerSecond()).isCloseTo(0.001, within(0.0002));
        assertThat(rising.confidence()).isGreaterThan(0.9);
        assertThat(trends.of("mem", t, down, n).direction()).isEqualTo(Trend.Direction.DECREASING);
        Trend flat = trends.of("noise", t, noise, n);
        assertThat(flat.direction()).isEqualTo(Trend.Direction.STABLE);
        assertThat(flat.confidence()).isLessThan(0.5);
        assertThat(trends.of("few", t, up, 2).direction()).isEqualTo(Trend.Direction.STABLE);
    }
}
