package io.keel.cache.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.keel.testkit.Services;

/** What the tables hold beyond the contract: large values, keys full of SQL metacharacters, separate prefixes. */
class StorageTest {

    private static final Duration TTL = Duration.ofMinutes(5);

    private static DataSource database(String name) {
        if (name.equals("postgres")) {
            Services.POSTGRES.require();
            return Databases.postgres();
        }
        return Databases.h2();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aValueOfSeveralMegabytesRoundTrips(String name) throws Exception {
        DataSource ds = database(name);
        String namespace = "keeltest-" + UUID.randomUUID();
        byte[] big = new byte[3 * 1024 * 1024];
        new Random(42).nextBytes(big);
        try (JdbcSecondLevel level = JdbcSecondLevel.create(ds, namespace)) {
            assertThat(done(level.put("big", big, 1, Set.of(), TTL))).isTrue();
            assertThat(done(level.get("big")).value()).isEqualTo(big);
        } finally {
            Databases.purge(ds, namespace);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void patternDeletesTreatLikeMetacharactersInKeysAsPlainCharacters(String name) throws Exception {
        DataSource ds = database(name);
        String namespace = "keeltest-" + UUID.randomUUID();
        try (JdbcSecondLevel level = JdbcSecondLevel.create(ds, namespace)) {
            for (String key : new String[] {"50%_off:1", "50%_off:2", "50xyoff:3", "50!%_off:4", "it's:1"}) {
                done(level.put(key, bytes(key), 1, Set.of(), TTL));
            }
            assertThat(done(level.deleteByPattern("50%_off:*", 2, TTL))).isEqualTo(2);
            assertThat(done(level.get("50xyoff:3"))).isNotNull();
            assertThat(done(level.get("50!%_off:4"))).isNotNull();
            assertThat(done(level.deleteByPattern("it's:?", 2, TTL))).isEqualTo(1);
            assertThat(done(level.deleteByPattern("*", 3, TTL))).isEqualTo(2);
            assertThat(level.estimatedEntries()).isZero();
        } finally {
            Databases.purge(ds, namespace);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void levelsWithDifferentTablePrefixesShareNothing(String name) throws Exception {
        DataSource ds = database(name);
        String namespace = "keeltest-" + UUID.randomUUID();
        JdbcSecondLevel.Options other = JdbcSecondLevel.Options.defaults().withTablePrefix("keel_test_other_");
        try (JdbcSecondLevel first = JdbcSecondLevel.create(ds, namespace);
             JdbcSecondLevel second = JdbcSecondLevel.create(ds, namespace, other)) {
            done(first.put("k", bytes("first"), 5, Set.of(), TTL));
            assertThat(done(second.get("k"))).isNull();
            assertThat(done(second.put("k", bytes("second"), 1, Set.of(), TTL))).isTrue();
            assertThat(new String(done(first.get("k")).value(), StandardCharsets.UTF_8)).isEqualTo("first");
        } finally {
            Databases.purge(ds, namespace);
            Databases.purge(ds, namespace, "keel_test_other_");
        }
    }

    private static <T> T done(CompletableFuture<T> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
