package io.keel.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.keel.testkit.DirectExecutor;
import io.keel.testkit.ManualClock;

class TemperatureTest {

    private final ManualClock clock = new ManualClock();

    @Test
    void keysAreClassedByTheirDecayingReadCount() {
        InMemorySecondLevel l2 = new InMemorySecondLevel(clock);
        try (TieredCache<String, String> cache = TieredCache.create(CacheConfig.builder(Codecs.utf8())
                .time(clock, clock).executor(new DirectExecutor()).secondLevel(l2).demoteCold(true)
                .temperature(8, Duration.ofMinutes(1)).build())) {
            for (String k : new String[] {"hot", "warm", "cold"}) {
                cache.put(k, k);
            }
            read(cache, "hot", 20);
            read(cache, "warm", 2);
            assertThat(cache.temperatureOf("hot")).isEqualTo(Temperature.HOT);
            assertThat(cache.temperatureOf("warm")).isEqualTo(Temperature.WARM);
            assertThat(cache.temperatureOf("cold")).isEqualTo(Temperature.COLD);
            assertThat(cache.stats().temperatures()).isEqualTo(new Temperatures(1, 1, 1));

            // One decay interval halves every count: hot 20 → 10 stays hot, warm 2 → 1 stays warm.
            clock.advance(Duration.ofMinutes(1));
            cache.maintain();
            assertThat(cache.temperatureOf("hot")).isEqualTo(Temperature.HOT);
            assertThat(cache.temperatureOf("warm")).isEqualTo(Temperature.WARM);
            // Cold entries went down to L2 only, and still count as cold keys.
            assertThat(cache.temperatureOf("cold")).isEqualTo(Temperature.COLD);
            assertThat(cache.stats().l1().entries()).isEqualTo(2);

            // Two more intervals: hot 10 → 2 is warm; warm 1 → 0 is cold and demoted.
            clock.advance(Duration.ofMinutes(2));
            cache.maintain();
            assertThat(cache.temperatureOf("hot")).isEqualTo(Temperature.WARM);
            assertThat(cache.temperatureOf("warm")).isEqualTo(Temperature.COLD);
            assertThat(cache.stats().temperatures()).isEqualTo(new Temperatures(0, 1, 2));

            // A demoted key read again comes back from L2 and warms up.
            assertThat(cache.getIfPresent("cold")).isEqualTo("cold");
            assertThat(cache.temperatureOf("cold")).isEqualTo(Temperature.WARM);
            read(cache, "cold", 10);
            assertThat(cache.temperatureOf("cold")).isEqualTo(Temperature.HOT);
        }
    }

    private static void read(TieredCache<String, String> cache, String key, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(cache.getIfPresent(key)).isEqualTo(key);
        }
    }
}
