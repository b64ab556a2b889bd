package io.keel.bench.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.keel.cache.L2Entry;
import io.keel.cache.SecondLevel.Write;
import io.keel.cache.jdbc.JdbcSecondLevel;

/**
 * {@link JdbcSecondLevel} on PostgreSQL against raw JDBC doing the same work on the same rows, through the same
 * HikariCP pool (4 connections), in the same run; one thread, so every figure is a round-trip rate:
 * <ul>
 *   <li>{@code keelGetAll} vs {@code jdbcSelectIn}: 100 keys in one {@code SELECT ... entry_key IN (100 ?)},
 *   keys/s = ops/s × 100;</li>
 *   <li>{@code keelGet} vs {@code jdbcSelectOne}: one key;</li>
 *   <li>{@code keelPutAll} vs {@code jdbcUpsertBatch}: 100 keys written in one transaction, keys/s = ops/s × 100.
 *   Keel locks each row and checks its version; the raw side is a batched {@code INSERT ... ON CONFLICT DO UPDATE}
 *   with no version check, what a user without versioning would write, so the ratio is the price of that
 *   safety.</li>
 * </ul>
 * {@code jdbcKeelSqlGetAll} and {@code jdbcKeelSqlGet} are no comparison but a decomposition: raw JDBC running the
 * level's own read (its SELECT, four columns and the expiry filter, in a transaction with a commit), so that what
 * the level costs beyond its SQL shows apart from what its SQL costs beyond the plain SELECT.
 *
 * With {@code -Dkeel.bench.jdbcExecutor=platform} the level runs its SQL on four platform threads instead of its
 * default virtual threads.
 *
 * <p>The raw side prepares its statement on each call, as a plain user would (the driver's statement cache then
 * serves both sides alike). 10,000 keys of 256 bytes are loaded in the level's table format in a namespace of the
 * trial's own ({@code keel_bench_} tables) and deleted in the teardown; each call takes the next 100 keys (or the
 * next key) in rotation. Needs PostgreSQL on 127.0.0.1:5432 (or -Dkeel.bench.postgres=jdbc:postgresql://...).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class JdbcSecondLevelBenchmark {

    static final String URL = System.getProperty("keel.bench.postgres",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    private static final String PREFIX = "keel_bench_";
    private static final String TABLE = PREFIX + "entries";
    private static final int KEYS = 10_000;
    private static final int BATCH = 100;
    private static final Duration TTL = Duration.ofHours(1);

    private static final String SELECT_IN = "SELECT entry_key, entry_value FROM " + TABLE
            + " WHERE ns = ? AND entry_key IN (" + "?, ".repeat(BATCH - 1) + "?)";
    private static final String SELECT_ONE = "SELECT entry_key, entry_value FROM " + TABLE
            + " WHERE ns = ? AND entry_key = ?";
    private static final String UPSERT = "INSERT INTO " + TABLE
            + " (ns, entry_key, entry_value, version, expires_at, tags) VALUES (?, ?, ?, ?, ?, '')"
            + " ON CONFLICT (ns, entry_key) DO UPDATE SET entry_value = excluded.entry_value,"
            + " version = excluded.version, expires_at = excluded.expires_at, tags = excluded.tags";

    private static final String KEEL_SELECT = "SELECT entry_key, entry_value, version, tags FROM " + TABLE
            + " WHERE ns = ? AND expires_at > ? AND entry_value IS NOT NULL AND entry_key IN (";

    private String namespace;
    private HikariDataSource pool;
    private ExecutorService executor;
    private JdbcSecondLevel level;
    private String[] names;
    private List<List<String>> batches;
    private byte[] value;
    private int next;
    private long version;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        namespace = "keelbench-" + UUID.randomUUID();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(URL);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(4);
        config.setPoolName("keel-bench-jdbc");
        pool = new HikariDataSource(config);
        executor = "platform".equals(System.getProperty("keel.bench.jdbcExecutor"))
                ? Executors.newFixedThreadPool(4) : null;
        level = JdbcSecondLevel.create(pool, namespace, JdbcSecondLevel.Options.defaults().withTablePrefix(PREFIX)
                .withPurgeInterval(Duration.ZERO).withMaxConnections(4).withExecutor(executor));
        value = new byte[256];
        new Random(42).nextBytes(value);
        names = new String[KEYS];
        batches = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            names[i] = String.format("item:%05d", i);
        }
        List<String> all = List.of(names);
        for (int i = 0; i < KEYS; i += BATCH) {
            batches.add(all.subList(i, i + BATCH));
        }
        load();
        Map<String, L2Entry> found = level.getAll(batches.getFirst()).join();
        if (found.size() != BATCH || found.values().stream().anyMatch(e -> e.value().length != value.length)) {
            throw new IllegalStateException("the level reads " + found.size() + " of the loaded keys");
        }
    }

    /**
     * All keys at version 1 without tags, as the level writes them, in one batch of plain inserts; then statistics
     * for the planner and the dead rows of earlier trials cleared, as autovacuum would.
     */
    private void load() throws SQLException {
        version = 1;
        long expires = System.currentTimeMillis() + TTL.toMillis();
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE
                     + " (ns, entry_key, entry_value, version, expires_at, tags) VALUES (?, ?, ?, 1, ?, '')")) {
            c.setAutoCommit(false);
            for (String name : names) {
                ps.setString(1, namespace);
                ps.setString(2, name);
                ps.setBytes(3, value);
                ps.setLong(4, expires);
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
            // This server runs without autovacuum: unanalyzed, the planner reads the 100-key IN list through the
            // (ns, expires_at) index and filters the whole namespace (~50 ms a call, both sides alike).
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE " + TABLE);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        level.close();
        if (executor != null) {
            executor.shutdown();
        }
        try (Connection c = pool.getConnection()) {
            for (String table : List.of(TABLE, PREFIX + "tags")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE ns = ?")) {
                    ps.setString(1, namespace);
                    ps.executeUpdate();
                }
            }
        } finally {
            pool.close();
        }
    }

    private List<String> nextBatch() {
        List<String> batch = batches.get(next);
        next = (next + 1) % batches.size();
        return batch;
    }

    private String nextKey() {
        String key = names[next];
        next = (next + 1) % KEYS;
        return key;
    }

    @Benchmark
    public Map<String, L2Entry> keelGetAll() {
        Map<String, L2Entry> found = level.getAll(nextBatch()).join();
        if (found.size() != BATCH) {
            throw new IllegalStateException("expected " + BATCH + " values, got " + found.size());
        }
        return found;
    }

    @Benchmark
    public Map<String, byte[]> jdbcSelectIn() throws SQLException {
        List<String> batch = nextBatch();
        Map<String, byte[]> found = HashMap.newHashMap(BATCH);
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT_IN)) {
            ps.setString(1, namespace);
            for (int i = 0; i < BATCH; i++) {
                ps.setString(2 + i, batch.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getBytes(2));
                }
            }
        }
        if (found.size() != BATCH) {
            throw new IllegalStateException("expected " + BATCH + " values, got " + found.size());
        }
        return found;
    }

    @Benchmark
    public L2Entry keelGet() {
        L2Entry entry = level.get(nextKey()).join();
        if (entry == null) {
            throw new IllegalStateException("missing value");
        }
        return entry;
    }

    @Benchmark
    public byte[] jdbcSelectOne() throws SQLException {
        String key = nextKey();
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT_ONE)) {
            ps.setString(1, namespace);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("missing value");
                }
                return rs.getBytes(2);
            }
        }
    }

    @Benchmark
    public int jdbcKeelSqlGetAll() throws SQLException {
        return keelSql(nextBatch());
    }

    @Benchmark
    public int jdbcKeelSqlGet() throws SQLException {
        return keelSql(List.of(nextKey()));
    }

    private int keelSql(List<String> keys) throws SQLException {
        int found = 0;
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement(KEEL_SELECT + "?, ".repeat(keys.size() - 1) + "?)")) {
            c.setAutoCommit(false);
            ps.setString(1, namespace);
            ps.setLong(2, System.currentTimeMillis());
            for (int i = 0; i < keys.size(); i++) {
                ps.setString(3 + i, keys.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found += rs.getString(1).length() + rs.getBytes(2).length + (int) rs.getLong(3)
                            + rs.getString(4).length();
                }
            }
            c.commit();
        }
        return found;
    }

    @Benchmark
    public List<Boolean> keelPutAll() {
        long v = ++version;
        List<Write> writes = new ArrayList<>(BATCH);
        for (String key : nextBatch()) {
            writes.add(new Write(key, value, v, Set.of(), TTL));
        }
        List<Boolean> landed = level.putAll(writes, null).join();
        if (landed.contains(Boolean.FALSE)) {
            throw new IllegalStateException("a write of version " + v + " was refused");
        }
        return landed;
    }

    @Benchmark
    public int[] jdbcUpsertBatch() throws SQLException {
        long v = ++version;
        long expires = System.currentTimeMillis() + TTL.toMillis();
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(UPSERT)) {
            c.setAutoCommit(false);
            for (String key : nextBatch()) {
                ps.setString(1, namespace);
                ps.setString(2, key);
                ps.setBytes(3, value);
                ps.setLong(4, v);
                ps.setLong(5, expires);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            c.commit();
            return counts;
        }
    }
}
