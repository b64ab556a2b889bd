package io.keel.bench.records;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.keel.server.records.Database;
import io.keel.server.records.JdbcOperationRecordStore;
import io.keel.server.records.OperationRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable terminal writes per second: {@code THREADS} virtual threads each finishing operations, with Keel's
 * group commit ({@code saveTerminal}, many records per commit, 1, 2 or 4 write lanes) beside the naive way (one autocommitted INSERT per
 * record through the same pool), on H2 (file, WRITE_DELAY=0) and on PostgreSQL (needs 127.0.0.1:5432, db
 * {@code test}). One invocation writes {@code RECORDS} records, so the score is records/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(RecordWriteBenchmark.RECORDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class RecordWriteBenchmark {

    static final int RECORDS = 4_000;
    static final int THREADS = 200;
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

    @Param({"h2", "postgresql"})
    public String database;

    /** "groupCommitN": Keel's store with N write lanes; "commitPerRecord": the naive baseline. */
    @Param({"groupCommit1", "groupCommit2", "groupCommit4", "commitPerRecord"})
    public String writer;

    private final AtomicLong ids = new AtomicLong();
    private final Instant now = Instant.now();
    private Path dataDir;
    private String schema;
    private Database db;
    private JdbcOperationRecordStore store;
    private ExecutorService threads;

    @Setup(Level.Trial)
    public void open() throws IOException {
        if (database.equals("h2")) {
            dataDir = Files.createTempDirectory("keel-records-bench");
            db = Database.open(Database.embeddedH2Url(dataDir), "sa", "", 16);
        } else {
            schema = "keel_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            db = Database.open(POSTGRES + "?currentSchema=" + schema, "postgres", "", 16);
        }
        int lanes = writer.startsWith("groupCommit") ? Integer.parseInt(writer.substring("groupCommit".length())) : 1;
        store = JdbcOperationRecordStore.builder(db.dataSource()).lanes(lanes).build();
        threads = Executors.newVirtualThreadPerTaskExecutor();
    }

    @Setup(Level.Iteration)
    public void emptyTable() throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM operations");
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        threads.close();
        System.out.println("\n" + database + " " + writer + ": " + store.stats());
        store.close();
        db.close();
        if (schema != null) {
            try (Connection connection = DriverManager.getConnection(POSTGRES, "postgres", "");
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    @Benchmark
    public void saveTerminal() throws Exception {
        boolean group = writer.startsWith("groupCommit");
        List<Future<?>> done = new ArrayList<>(THREADS);
        for (int t = 0; t < THREADS; t++) {
            done.add(threads.submit(() -> {
                for (int i = 0; i < RECORDS / THREADS; i++) {
                    OperationRecord record = finished("bench-" + ids.incrementAndGet());
                    if (group) {
                        store.saveTerminal(record);
                    } else {
                        insertAlone(record);
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
    }

    /** What an application without group commit does: one autocommitted statement, one commit, per record. */
    private void insertAlone(OperationRecord r) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO operations (id, agent, status,"
                     + " priority, created_at, started_at, finished_at, progress_percent, progress_step_index,"
                     + " progress_step_count, input_json, result_json, cached, owner_node, attempts)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, r.id());
            insert.setString(2, r.agent());
            insert.setString(3, r.status());
            insert.setInt(4, r.priority());
            insert.setTimestamp(5, Timestamp.from(r.createdAt()));
            insert.setTimestamp(6, Timestamp.from(r.startedAt()));
            insert.setTimestamp(7, Timestamp.from(r.finishedAt()));
            insert.setDouble(8, r.progressPercent());
            insert.setInt(9, r.progressStepIndex());
            insert.setInt(10, r.progressStepCount());
            insert.setString(11, r.inputJson());
            insert.setString(12, r.resultJson());
            insert.setBoolean(13, r.cached());
            insert.setString(14, r.ownerNode());
            insert.setInt(15, r.attempts());
            insert.executeUpdate();
        }
    }

    private OperationRecord finished(String id) {
        return new OperationRecord(id, "echo", "SUCCEEDED", 5, now, now, now, 100.0, null, 0, 0, null,
                "{\"text\":\"hello\"}", "{\"text\":\"hello\"}", null, null, false, null, 1_000L, "bench-node",
                now.plusSeconds(30), 1, null);
    }
}
