package io.keel.cache.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.keel.cache.SecondLevel;
import io.keel.testkit.ManualClock;
import io.keel.testkit.Services;

/** Rows carry their expiry: read as absent once past it, blocking no write, and purged in the background. */
class ExpiryTest {

    private final ManualClock clock = new ManualClock();
    private DataSource ds;
    private String namespace;

    private JdbcSecondLevel open(String database, JdbcSecondLevel.Options options) {
        if (database.equals("postgres")) {
            Services.POSTGRES.require();
            ds = Databases.postgres();
        } else {
            ds = Databases.h2();
        }
        namespace = "keeltest-" + UUID.randomUUID();
        return JdbcSecondLevel.create(ds, namespace, options.withClock(clock));
    }

    @AfterEach
    void purge() {
        if (ds != null) {
            Databases.purge(ds, namespace);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void anExpiredValueReadsAsAbsentAndBlocksNoOlderWrite(String database) throws Exception {
        try (JdbcSecondLevel level = open(database, JdbcSecondLevel.Options.defaults())) {
            assertThat(done(level.put("a", bytes("v"), 10, Set.of("t"), Duration.ofSeconds(30)))).isTrue();
            assertThat(level.estimatedEntries()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(30));
            assertThat(done(level.get("a"))).isNull();
            assertThat(level.estimatedEntries()).isZero();
            // An expired row is gone as far as versions go, as an expired Redis key is.
            assertThat(done(level.put("a", bytes("again"), 5, Set.of(), Duration.ofSeconds(30)))).isTrue();
            assertThat(done(level.get("a")).version()).isEqualTo(5);
            // And its old tag no longer reaches it.
            assertThat(done(level.deleteByTag("t", 50, Duration.ofSeconds(30)))).isZero();
            assertThat(done(level.get("a"))).isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aTombstoneBlocksOlderWritesUntilItExpires(String database) throws Exception {
        try (JdbcSecondLevel level = open(database, JdbcSecondLevel.Options.defaults())) {
            done(level.delete("a", 20, Duration.ofSeconds(10)));
            assertThat(done(level.put("a", bytes("late"), 15, Set.of(), Duration.ofMinutes(1)))).isFalse();
            clock.advance(Duration.ofSeconds(10));
            assertThat(done(level.put("a", bytes("late"), 15, Set.of(), Duration.ofMinutes(1)))).isTrue();
        }
    }

    /** The same rules through a batch (on PostgreSQL one versioned upsert), with the tags of what landed. */
    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aBatchWritesOverExpiredRowsAndReplacesTheTagsOfWhatLanded(String database) throws Exception {
        try (JdbcSecondLevel level = open(database, JdbcSecondLevel.Options.defaults())) {
            done(level.put("old", bytes("o"), 10, Set.of("t-old"), Duration.ofSeconds(30)));
            done(level.put("kept", bytes("k"), 10, Set.of("t-kept"), Duration.ofMinutes(5)));
            done(level.delete("dead", 20, Duration.ofSeconds(10)));
            clock.advance(Duration.ofSeconds(30));
            assertThat(done(level.putAll(List.of(
                    new SecondLevel.Write("old", bytes("o5"), 5, Set.of("t-new"), Duration.ofMinutes(1)),
                    new SecondLevel.Write("kept", bytes("k9"), 9, Set.of("t-new"), Duration.ofMinutes(1)),
                    new SecondLevel.Write("dead", bytes("d15"), 15, Set.of(), Duration.ofMinutes(1)),
                    new SecondLevel.Write("fresh", bytes("f1"), 1, Set.of("t-new"), Duration.ofMinutes(1))), null)))
                    .as("over expired rows any version lands; over a live newer one none does")
                    .containsExactly(true, false, true, true);
            assertThat(done(level.get("old")).version()).isEqualTo(5);
            assertThat(done(level.get("kept")).tags()).containsExactly("t-kept");
            assertThat(done(level.deleteByTag("t-old", 50, Duration.ofSeconds(30)))).isZero();
            assertThat(done(level.deleteByTag("t-new", 50, Duration.ofSeconds(30)))).isEqualTo(2);
            assertThat(done(level.get("kept"))).isNotNull();
            assertThat(done(level.deleteByTag("t-kept", 50, Duration.ofSeconds(30)))).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void purgeDeletesExpiredValuesTombstonesAndTheirTags(String database) throws Exception {
        try (JdbcSecondLevel level = open(database, JdbcSecondLevel.Options.defaults())) {
            done(level.put("short", bytes("s"), 1, Set.of("t"), Duration.ofSeconds(5)));
            done(level.put("long", bytes("l"), 1, Set.of("t"), Duration.ofMinutes(5)));
            done(level.delete("gone", 1, Duration.ofSeconds(5)));
            assertThat(done(level.purgeExpired())).isZero();
            clock.advance(Duration.ofSeconds(5));
            assertThat(done(level.purgeExpired())).isEqualTo(2);
            assertThat(rows("keel_cache_entries")).isEqualTo(1);
            assertThat(rows("keel_cache_tags")).isEqualTo(1);
            assertThat(done(level.get("long"))).isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void theBackgroundPurgeRunsOnItsOwn(String database) throws Exception {
        JdbcSecondLevel.Options every50ms = JdbcSecondLevel.Options.defaults()
                .withPurgeInterval(Duration.ofMillis(50));
        try (JdbcSecondLevel level = open(database, every50ms)) {
            done(level.put("a", bytes("v"), 1, Set.of(), Duration.ofSeconds(1)));
            clock.advance(Duration.ofSeconds(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> rows("keel_cache_entries") == 0);
        }
    }

    private long rows(String table) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE ns = ?")) {
            ps.setString(1, namespace);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static <T> T done(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
