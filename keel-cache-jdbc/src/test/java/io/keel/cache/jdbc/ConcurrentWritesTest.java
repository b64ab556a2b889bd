package io.keel.cache.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.keel.cache.L2Entry;
import io.keel.cache.SecondLevel;
import io.keel.testkit.Services;

/**
 * Many writers race on a few keys with random versions, single and batched, mixed with deletes: whatever the
 * interleaving, each key ends at the highest version any of them wrote, as a value if that was a write and absent
 * if it was a delete, and no call fails.
 */
class ConcurrentWritesTest {

    private static final int WRITERS = 8;
    private static final int ROUNDS = 60;
    private static final List<String> KEYS = List.of("a", "b", "c", "d");
    private static final Duration TTL = Duration.ofMinutes(5);

    @Test
    void racingWritersOnPostgresLeaveTheHighestVersion() throws Exception {
        Services.POSTGRES.require();
        race(Databases.postgres());
    }

    @Test
    void racingWritersOnH2LeaveTheHighestVersion() throws Exception {
        race(Databases.h2());
    }

    private record Highest(long version, boolean deleted) {
    }

    private static void race(DataSource ds) throws Exception {
        String namespace = "keeltest-race-" + UUID.randomUUID();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        // Versions are unique, so "the highest" names one operation; the map remembers which.
        AtomicLong nextVersion = new AtomicLong();
        ConcurrentHashMap<String, Highest> highest = new ConcurrentHashMap<>();
        try (JdbcSecondLevel level = JdbcSecondLevel.create(ds, namespace,
                JdbcSecondLevel.Options.defaults().withMaxConnections(WRITERS))) {
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                all.add(CompletableFuture.runAsync(() -> {
                    for (int r = 0; r < ROUNDS; r++) {
                        step(level, nextVersion, highest);
                    }
                }, writers));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            for (String key : KEYS) {
                Highest expected = highest.get(key);
                L2Entry stored = level.get(key).get(10, TimeUnit.SECONDS);
                if (expected.deleted()) {
                    assertThat(stored).as("key %s ends deleted at %d", key, expected.version()).isNull();
                    assertThat(level.put(key, bytes("late"), expected.version(), Set.of(), TTL)
                            .get(10, TimeUnit.SECONDS)).isFalse();
                } else {
                    assertThat(stored).as("key %s", key).isNotNull();
                    assertThat(stored.version()).as("key %s", key).isEqualTo(expected.version());
                    assertThat(new String(stored.value(), StandardCharsets.UTF_8)).isEqualTo("v" + expected.version());
                }
            }
        } finally {
            writers.shutdownNow();
            Databases.purge(ds, namespace);
        }
    }

    /** One random operation with a random version from a wide spread, so late and early writes interleave. */
    private static void step(SecondLevel level, AtomicLong nextVersion, ConcurrentHashMap<String, Highest> highest) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // Unique, but not increasing: the low bits are the tie-breaker, the high bits random.
        long version = random.nextLong(1, 1_000_000) * 1_000 + nextVersion.incrementAndGet() % 1_000;
        String key = KEYS.get(random.nextInt(KEYS.size()));
        try {
            switch (random.nextInt(3)) {
                case 0 -> {
                    level.put(key, bytes("v" + version), version, Set.of("t"), TTL, "n").get(30, TimeUnit.SECONDS);
                    record(highest, key, new Highest(version, false));
                }
                case 1 -> {
                    level.delete(key, version, TTL).get(30, TimeUnit.SECONDS);
                    record(highest, key, new Highest(version, true));
                }
                default -> {
                    String other = KEYS.get(random.nextInt(KEYS.size()));
                    long otherVersion = version + 1;
                    level.putAll(List.of(
                            new SecondLevel.Write(key, bytes("v" + version), version, Set.of(), TTL),
                            new SecondLevel.Write(other, bytes("v" + otherVersion), otherVersion, Set.of(), TTL)),
                            "n").get(30, TimeUnit.SECONDS);
                    record(highest, key, new Highest(version, false));
                    record(highest, other, new Highest(otherVersion, false));
                }
            }
        } catch (Exception e) {
            throw new AssertionError("an operation failed under contention", e);
        }
    }

    private static void record(ConcurrentHashMap<String, Highest> highest, String key, Highest op) {
        highest.merge(key, op, (a, b) -> a.version() >= b.version() ? a : b);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
