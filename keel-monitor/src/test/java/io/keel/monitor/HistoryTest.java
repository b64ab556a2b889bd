package io.keel.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {

    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private final SeriesKey cpu = SeriesKey.of("cpu");

    @Test
    void bucketsKeepMinMaxAndAverageOfTheirSamples() {
        History h = new History(HistoryConfig.defaults());
        h.record(cpu, T0, 1);
        h.record(cpu, T0 + 400, 3);
        h.record(cpu, T0 + 900, 5);
        h.record(cpu, T0 + 1000, 10);

        HistoryWindow fine = h.window(cpu, 0, Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 1000));
        assertThat(fine.epochMillis()).containsExactly(T0, T0 + 1000);
        assertThat(fine.min()).containsExactly(1f, 10f);
        assertThat(fine.max()).containsExactly(5f, 10f);
        assertThat(fine.avg()).containsExactly(3f, 10f);

        HistoryWindow minute = h.window(cpu, 1, Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 1000));
        assertThat(minute.epochMillis()).containsExactly(T0);
        assertThat(minute.min()).containsExactly(1f);
        assertThat(minute.max()).containsExactly(10f);
        assertThat(minute.avg()[0]).isCloseTo(4.75f, within(1e-6f));
    }

    @Test
    void theFineTierForgetsWhatIsOlderThanItsSpanWhileTheCoarseTierStillHasIt() {
        History h = new History(HistoryConfig.defaults());
        for (int s = 0; s <= 20 * 60; s++) {
            h.record(cpu, T0 + s * 1000L, s);
        }
        Instant end = Instant.ofEpochMilli(T0 + 20 * 60_000L);
        HistoryWindow fine = h.window(cpu, 0, Instant.ofEpochMilli(T0), end);
        assertThat(fine.size()).isEqualTo(900);
        assertThat(fine.epochMillis()[0]).isEqualTo(T0 + (20 * 60 - 899) * 1000L);
        assertThat(h.window(cpu, Duration.ofMinutes(20), end).stepMillis()).isEqualTo(60_000);
        assertThat(h.window(cpu, Duration.ofMinutes(10), end).stepMillis()).isEqualTo(1_000);
    }

    @Test
    void gapsLeaveEmptyBucketsNotStaleOnes() {
        History h = new History(HistoryConfig.defaults());
        h.record(cpu, T0, 1);
        h.record(cpu, T0 + 5_000, 2);
        HistoryWindow w = h.window(cpu, 0, Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 5_000));
        assertThat(w.epochMillis()).containsExactly(T0, T0 + 5_000);
        // a gap longer than the whole ring clears every bucket
        h.record(cpu, T0 + 3_600_000, 3);
        assertThat(h.window(cpu, 0, Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 3_600_000)).avg())
                .containsExactly(3f);
    }

    @Test
    void lateSamplesAreDroppedAndCounted() {
        History h = new History(HistoryConfig.defaults());
        h.record(cpu, T0 + 5_000, 1);
        assertThat(h.record(cpu, T0, 99)).isFalse();
        assertThat(h.lateSamples()).isEqualTo(1);
        assertThat(h.stats(cpu, Duration.ofSeconds(10), Instant.ofEpochMilli(T0 + 5_000)).max()).isEqualTo(1);
    }

    @Test
    void nonFiniteValuesAndSeriesBeyondTheLimitAreRefused() {
        History h = new History(HistoryConfig.defaults().withMaxSeries(2));
        assertThat(h.record(cpu, T0, Double.NaN)).isFalse();
        assertThat(h.record(SeriesKey.of("a"), T0, 1)).isTrue();
        assertThat(h.record(SeriesKey.of("b"), T0, 1)).isTrue();
        assertThat(h.record(SeriesKey.of("c"), T0, 1)).isFalse();
        assertThat(h.refusedSeries()).isEqualTo(1);
        assertThat(h.seriesCount()).isEqualTo(2);
    }

    @Test
    void seriesAreFoundByNameWhateverTheirTags() {
        History h = new History(HistoryConfig.defaults());
        h.record(SeriesKey.of("disk", "store", "/"), T0, 0.5);
        h.record(SeriesKey.of("disk", "store", "/data"), T0, 0.2);
        assertThat(h.seriesNamed("disk")).hasSize(2);
        assertThat(h.latest(SeriesKey.of("disk", "store", "/data")).getAsDouble()).isEqualTo(0.2);
    }

    @Test
    void configRejectsTiersThatDoNotDivideOrGoBackwards() {
        assertThatThrownBy(() -> new HistoryConfig.Tier(Duration.ofSeconds(7), Duration.ofSeconds(50)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT50S");
        assertThatThrownBy(() -> new HistoryConfig(List.of(
                new HistoryConfig.Tier(Duration.ofMinutes(1), Duration.ofHours(1)),
                new HistoryConfig.Tier(Duration.ofSeconds(1), Duration.ofMinutes(1))), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fine to coarse");
    }

    /**
     * The bound: 500 series × a simulated 24 h stay under 20 MB, measured two ways (retained array
     * sizes and the heap delta after GC). Samples arrive every 10 s to keep the test cheap; bucket arrays
     * are allocated whole when a series appears, so the footprint does not depend on the sample rate
     * (the benchmark MonitorHistoryFootprint does the full 1 s run).
     */
    @Test
    void fiveHundredSeriesOverTwentyFourHoursStayUnderTwentyMegabytes() {
        long before = usedHeapAfterGc();
        History h = new History(HistoryConfig.defaults());
        SeriesKey[] keys = new SeriesKey[500];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = SeriesKey.of("keel.test.series", "n", Integer.toString(i));
        }
        long retainedAfterOneHour = 0;
        for (long s = 0; s < 24 * 3600; s += 10) {
            long t = T0 + s * 1000;
            for (int i = 0; i < keys.length; i++) {
                h.record(keys[i], t, (s + i) % 100);
            }
            if (s == 3600) {
                retainedAfterOneHour = h.retainedBytes();
            }
        }
        long heapDelta = usedHeapAfterGc() - before;

        assertThat(h.retainedBytes()).isEqualTo(retainedAfterOneHour).isLessThan(20L << 20);
        assertThat(h.retainedBytes()).isEqualTo(500 * HistoryConfig.defaults().bytesPerSeries());
        assertThat(heapDelta).isLessThan(20L << 20);
        assertThat(h.window(keys[0], 1, Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 86_400_000L)).size())
                .isEqualTo(1440);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
