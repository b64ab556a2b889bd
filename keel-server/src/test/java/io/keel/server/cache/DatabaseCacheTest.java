package io.keel.server.cache;

import static io.keel.server.cache.CacheApi.cached;
import static io.keel.server.cache.CacheApi.invalidate;
import static io.keel.server.cache.CacheApi.key;
import static io.keel.server.cache.CacheApi.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.keel.server.config.Setting;
import io.keel.server.support.TestServer;
import io.keel.testkit.Services;

/**
 * {@code KEEL_CACHE_L2=database}: the result cache's second level in the records database. Two nodes on one real
 * PostgreSQL (a schema of their own, dropped afterwards) share results and invalidations; one node on the embedded
 * H2 finds its results again after a restart.
 */
class DatabaseCacheTest {

    private static final String BASE_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private final String schema = "keel_cache_test_" + Long.toHexString(System.nanoTime());
    private final String namespace = "keel-test:" + UUID.randomUUID() + ":results";
    private TestServer a;
    private TestServer b;

    @AfterEach
    void stop() throws SQLException {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (Services.POSTGRES.isUp()) {
            try (Connection c = DriverManager.getConnection(BASE_URL, "postgres", null);
                 Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    void aResultComputedOnOneNodeIsAHitOnTheOtherAndAnInvalidationReachesIt() {
        startTwoNodesOnPostgres();
        String body = "{\"agent\":\"cpu\",\"input\":{\"iterations\":2002}}";
        String key = key("cpu", "{\"iterations\":2002}");
        assertThat(cached(run(a, body))).isFalse();
        awaitStored(key);

        assertThat(cached(run(b, body))).as("answered from the database L2 without a run").isTrue();
        assertThat(CacheApi.stats(b).get("l2").get("hits").asLong()).isPositive();
        assertThat(CacheApi.stats(b).get("l2Enabled").asBoolean()).isTrue();

        assertThat(invalidate(a, "key", key)).isEqualTo(1);
        // b learns through LISTEN/NOTIFY; watch its L1 empty out rather than probe with submits a re-stores.
        await().atMost(Duration.ofSeconds(20)).until(() -> CacheApi.stats(b).get("l1").get("entries").asLong() == 0);
        assertThat(cached(run(a, body))).as("the invalidating node never serves the old value").isFalse();
    }

    @Test
    void onTheEmbeddedDatabaseResultsOutliveARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("keel-cache-db");
        Map<Setting, String> settings = Map.of(Setting.DATA_DIR, dataDir.toString(), Setting.CACHE_L2, "database",
                Setting.CACHE_NAMESPACE, namespace);
        // sleep is not deterministic: the start-up warmer (results of deterministic agents, from the records) leaves
        // it alone, so after the restart only L2 can answer it.
        String body = "{\"agent\":\"sleep\",\"input\":{\"ms\":3},\"cache\":true}";
        a = TestServer.start(settings);
        assertThat(cached(run(a, body))).isFalse();
        a.close(); // closing the cache flushes its write-behind into L2 first
        a = null;

        b = TestServer.start(settings);
        assertThat(cached(run(b, body))).as("found in the H2 file after the restart").isTrue();
        assertThat(CacheApi.stats(b).get("l2").get("hits").asLong()).isEqualTo(1);
    }

    private void startTwoNodesOnPostgres() {
        Services.POSTGRES.require();
        Map<Setting, String> settings = Map.of(Setting.DB_URL, BASE_URL + "?currentSchema=" + schema,
                Setting.DB_USER, "postgres", Setting.CACHE_L2, "database", Setting.CACHE_NAMESPACE, namespace);
        a = TestServer.start(settings);
        b = TestServer.start(settings);
    }

    /** The write to L2 happens behind the caller; wait for its row. */
    private void awaitStored(String key) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            try (Connection c = DriverManager.getConnection(BASE_URL + "?currentSchema=" + schema, "postgres", null);
                 PreparedStatement ps = c.prepareStatement(
                         "SELECT count(*) FROM keel_cache_entries WHERE ns = ? AND entry_key = ?")) {
                ps.setString(1, namespace);
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getLong(1) == 1;
                }
            }
        });
    }
}
