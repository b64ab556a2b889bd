package io.keel.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The ring against a naive model, and many writers and readers at once. */
class HistoryPropertiesTest {

    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    record Sample(long gapMillis, double value) {
    }

    @Provide
    Arbitrary<List<Sample>> samples() {
        Arbitrary<Long> gaps = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.longs().between(0, 3_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 40_000)));
        return Combinators.combine(gaps, Arbitraries.integers().between(-1000, 1000))
                .as((g, v) -> new Sample(g, v / 10.0)).list().ofMinSize(1).ofMaxSize(300);
    }

    /** A tiny tier (1 s × 20) against a map of every bucket ever written, restricted to the last 20. */
    @Property(tries = 300)
    void bucketsMatchANaiveModel(@ForAll("samples") List<Sample> samples) {
        HistoryConfig config = new HistoryConfig(List.of(
                new HistoryConfig.Tier(Duration.ofSeconds(1), Duration.ofSeconds(20)),
                new HistoryConfig.Tier(Duration.ofSeconds(10), Duration.ofSeconds(100))), 10);
        History h = new History(config);
        SeriesKey key = SeriesKey.of("x");
        TreeMap<Long, List<Double>> model = new TreeMap<>();
        long t = T0;
        for (Sample s : samples) {
            t += s.gapMillis();
            h.record(key, t, s.value());
            model.computeIfAbsent(Math.floorDiv(t, 1000L), b -> new ArrayList<>()).add(s.value());
        }
        long newest = model.lastKey();
        HistoryWindow w = h.window(key, 0, Instant.ofEpochMilli(0), Instant.ofEpochMilli(t));
        var expected = model.tailMap(newest - 19, true);
        assertThat(w.size()).isEqualTo(expected.size());
        int i = 0;
        for (var e : expected.entrySet()) {
            List<Double> vs = e.getValue();
            assertThat(w.epochMillis()[i]).isEqualTo(e.getKey() * 1000);
            assertThat(w.min()[i]).isEqualTo((float) vs.stream().mapToDouble(d -> d).min().orElseThrow());
            assertThat(w.max()[i]).isEqualTo((float) vs.stream().mapToDouble(d -> d).max().orElseThrow());
            assertThat((double) w.avg()[i]).isCloseTo(vs.stream().mapToDouble(d -> d).average().orElseThrow(),
                    org.assertj.core.api.Assertions.within(1e-3));
            i++;
        }
        assertThat(h.latest(key).getAsDouble()).isEqualTo(samples.getLast().value());
    }

    @Test
    void writersAndReadersRunConcurrentlyWithoutTornBuckets() throws Exception {
        History h = new History(HistoryConfig.defaults());
        int writers = 4;
        int perWriter = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int id = w;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perWriter; i++) {
                    // every writer shares series "shared" and owns one; each bucket's values are all equal to 7
                    h.record(SeriesKey.of("shared"), T0 + i * 100L, 7);
                    h.record(SeriesKey.of("own", "w", Integer.toString(id)), T0 + i * 100L, 7);
                }
                return null;
            }));
        }
        for (int r = 0; r < 2; r++) {
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 2_000; i++) {
                    for (SeriesKey k : h.keys()) {
                        WindowStats s = h.stats(k, Duration.ofHours(1), Instant.ofEpochMilli(T0 + perWriter * 100L));
                        if (!s.isEmpty()) {
                            assertThat(s.min()).isEqualTo(7);
                            assertThat(s.max()).isEqualTo(7);
                            assertThat(s.avg()).isEqualTo(7);
                        }
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertThat(h.seriesCount()).isEqualTo(writers + 1);
        assertThat(h.seriesNamed("own")).hasSize(writers);
        assertThat(h.latest(SeriesKey.of("shared")).getAsDouble()).isEqualTo(7);
    }
}
