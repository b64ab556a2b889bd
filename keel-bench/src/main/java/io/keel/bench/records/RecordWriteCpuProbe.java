package io.keel.bench.records;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.keel.server.records.Database;
import io.keel.server.records.JdbcOperationRecordStore;
import io.keel.server.records.OperationRecord;

/**
 * CPU time this JVM spends per durable terminal record, group commit against one commit per record. Process CPU
 * time barely depends on what other processes do, so unlike throughput it can be compared on a shared, loaded
 * machine. For PostgreSQL it counts only the client side (the server's CPU is in its own processes).
 *
 * <p>Run: {@code java -cp ... io.keel.bench.records.RecordWriteCpuProbe h2|postgresql}
 */
public final class RecordWriteCpuProbe {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final int RECORDS = 20_000;
    private static final int THREADS = 200;

    private RecordWriteCpuProbe() {
    }

    public static void main(String[] args) throws Exception {
        boolean h2 = args.length == 0 || args[0].equals("h2");
        String schema = "keel_probe_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Path dataDir = Files.createTempDirectory("keel-probe");
        String url = h2 ? Database.embeddedH2Url(dataDir) : POSTGRES + "?currentSchema=" + schema;
        AtomicLong ids = new AtomicLong();
        Instant now = Instant.now();
        try (Database db = Database.open(url, h2 ? "sa" : "postgres", "", 16)) {
            // The first three rounds warm up the JIT; the last three are reported.
            for (String mode : List.of("groupCommit", "commitPerRecord", "groupCommit", "commitPerRecord",
                    "groupCommit", "commitPerRecord")) {
                try (JdbcOperationRecordStore store = JdbcOperationRecordStore.create(db.dataSource(), null);
                     ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                    long cpu = OS.getProcessCpuTime();
                    long wall = System.nanoTime();
                    for (int t = 0; t < THREADS; t++) {
                        threads.submit(() -> {
                            for (int i = 0; i < RECORDS / THREADS; i++) {
                                OperationRecord record = finished("probe-" + ids.incrementAndGet(), now);
                                if (mode.equals("groupCommit")) {
                                    store.saveTerminal(record);
                                } else {
                                    insertAlone(db, record);
                                }
                            }
                            return null;
                        });
                    }
                    threads.close();
                    double cpuMicros = (OS.getProcessCpuTime() - cpu) / 1_000.0 / RECORDS;
                    double seconds = (System.nanoTime() - wall) / 1e9;
                    System.out.printf("%s %-15s %,d records: %.1f us JVM CPU per record, %,.0f records/s wall, %s%n",
                            h2 ? "h2" : "postgresql", mode, RECORDS, cpuMicros, RECORDS / seconds, store.stats());
                }
                try (Connection connection = db.dataSource().getConnection();
                     Statement statement = connection.createStatement()) {
                    statement.executeUpdate("DELETE FROM operations");
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
            if (!h2) {
                try (Connection connection = DriverManager.getConnection(POSTGRES, "postgres", "");
                     Statement statement = connection.createStatement()) {
                    statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }

    private static void insertAlone(Database db, OperationRecord r) throws SQLException {
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

    private static OperationRecord finished(String id, Instant now) {
        return new OperationRecord(id, "echo", "SUCCEEDED", 5, now, now, now, 100.0, null, 0, 0, null,
                "{\"text\":\"hello\"}", "{\"text\":\"hello\"}", null, null, false, null, 1_000L, "bench-node",
                now.plusSeconds(30), 1, null);
    }
}
