package io.keel.server.records;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Operation records in H2 or PostgreSQL, written in group commits.
 *
 * <p>Design: {@link #upsert} and {@link #saveTerminal} put the record into the open batch of the
 * {@link WriteLane} its id hashes to, keyed by id, so an operation that goes QUEUED → RUNNING → done within one
 * batch window is written once. Each lane's thread takes its open batch, writes it in one transaction and
 * completes it. {@code saveTerminal} waits for the batch that holds its record, so every thread that finished an
 * operation while the previous commit ran shares the next commit: one disk write for many durable records.
 * Non-terminal batches wait up to {@code maxDelay} to gather more; a batch holding a terminal record waits only
 * {@code linger} (0 by default: the batch is formed by what arrives during the previous commit). Lanes commit in
 * parallel; one id always goes to the same lane, so its writes keep their order.
 *
 * <p>The first terminal state accepted for an id is final: a lane never queues later writes for it, and the
 * upsert's SQL guard ({@code WHERE status IN ('QUEUED','RUNNING')}) protects older ids. Reads see accepted
 * writes: {@link #find} checks the lane's pending batches first; listing and recovery queries flush first.
 * Waiting uses {@link ReentrantLock} and {@code CompletableFuture.join()}, which park virtual threads without
 * pinning; no lock is held during JDBC calls except a claim's per-key stripe. {@code join()} ignores interrupts
 * on purpose: a cancelled operation's interrupted thread must still wait until its terminal state is durable.
 */
public final class JdbcOperationRecordStore implements OperationRecordStore {

    private static final System.Logger LOG = System.getLogger(JdbcOperationRecordStore.class.getName());
    private static final String UNFINISHED = "status IN ('QUEUED','RUNNING')";
    private static final String FINISHED = "status NOT IN ('QUEUED','RUNNING')";
    /** Pruning by count counts exactly at least this often, whatever the bound says (see FinishedCountBound). */
    private static final int EXACT_COUNT_EVERY = 10;
    private static final Set<String> STATUSES =
            Set.of("QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED", "TIMED_OUT", "REJECTED");

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final WriterMetrics metrics;
    private final int pruneChunk;
    private final WriteLane[] lanes;
    private final ReentrantLock[] keyStripes = newStripes(64);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ReentrantLock pruneLock = new ReentrantLock();
    private final FinishedCountBound finishedCount = new FinishedCountBound(EXACT_COUNT_EVERY);

    private JdbcOperationRecordStore(Builder builder) {
        this.dataSource = builder.dataSource;
        this.dialect = builder.dialect != null ? builder.dialect : SqlDialect.of(dataSource);
        this.metrics = new WriterMetrics(builder.registry);
        this.pruneChunk = builder.pruneChunk;
        BatchWriter writer = new BatchWriter(dataSource, dialect);
        this.lanes = new WriteLane[builder.lanes > 0 ? builder.lanes : defaultLanes(dialect)];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new WriteLane("keel-records-writer-" + i, writer, metrics, builder.maxBatchSize,
                    builder.maxDelay.toNanos(), builder.linger.toNanos(), builder.busyLinger.toNanos());
        }
    }

    /**
     * H2 stores its whole MVStore under one lock per commit, so a second lane only splits batches (more commits,
     * each rewriting the same pages); PostgreSQL commits in parallel, so two lanes overlap one's statements with
     * the other's commit.
     */
    private static int defaultLanes(SqlDialect dialect) {
        return dialect == SqlDialect.H2 ? 1 : 2;
    }

    /** A store with default batching; {@code registry} may be null. */
    public static JdbcOperationRecordStore create(DataSource dataSource, MeterRegistry registry) {
        return builder(dataSource).meterRegistry(registry).build();
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    // ---- writes ----

    @Override
    public void upsert(OperationRecord record) {
        laneOf(validated(record).id()).enqueue(record, false);
    }

    @Override
    public void saveTerminal(OperationRecord record) {
        validated(record);
        if (!record.isTerminal()) {
            throw new IllegalArgumentException("saveTerminal needs a terminal record, '" + record.id()
                    + "' has status " + record.status());
        }
        PendingBatch batch = laneOf(record.id()).enqueue(record, true);
        batch.awaitCommitted();
        RuntimeException failure = batch.failure(record.id());
        if (failure != null) {
            throw new RecordStoreException("terminal state of operation '" + record.id() + "' (" + record.status()
                    + ") was not saved: " + failure.getMessage(), failure);
        }
    }

    /** Atomic per key on this node: claims of one key hold one of {@link #keyStripes} while they look and write. */
    @Override
    public OperationRecord claimIdempotencyKey(OperationRecord record, Instant notBefore) {
        validated(record);
        if (record.idempotencyKey() == null) {
            throw new IllegalArgumentException("record '" + record.id() + "' carries no idempotency key to claim");
        }
        ReentrantLock stripe = keyStripes[Math.floorMod(record.idempotencyKey().hashCode(), keyStripes.length)];
        stripe.lock();
        try {
            Optional<OperationRecord> holder = findByIdempotencyKey(record.idempotencyKey(), notBefore);
            if (holder.isPresent()) {
                return holder.get();
            }
            laneOf(record.id()).enqueue(record, false);
            return record;
        } finally {
            stripe.unlock();
        }
    }

    @Override
    public void flush() {
        PendingBatch[] targets = new PendingBatch[lanes.length];
        for (int i = 0; i < lanes.length; i++) {
            targets[i] = lanes[i].requestFlush();
        }
        for (PendingBatch target : targets) {
            if (target != null) {
                target.awaitCommitted();
            }
        }
    }

    private WriteLane laneOf(String id) {
        return lanes[Math.floorMod(id.hashCode(), lanes.length)];
    }

    private static OperationRecord validated(OperationRecord record) {
        Objects.requireNonNull(record, "record");
        if (record.id() == null || record.id().isBlank()) {
            throw new IllegalArgumentException("record id must not be blank, was '" + record.id() + "'");
        }
        if (record.agent() == null || record.createdAt() == null) {
            throw new IllegalArgumentException("record '" + record.id() + "' needs an agent and a createdAt");
        }
        if (!STATUSES.contains(record.status())) {
            throw new IllegalArgumentException("record '" + record.id() + "' has unknown status '"
                    + record.status() + "', expected one of " + STATUSES);
        }
        if (record.isTerminal() && record.finishedAt() == null) {
            throw new IllegalArgumentException("terminal record '" + record.id() + "' (" + record.status()
                    + ") needs a finishedAt: pruning orders by it");
        }
        return record;
    }

    private static ReentrantLock[] newStripes(int count) {
        ReentrantLock[] stripes = new ReentrantLock[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new ReentrantLock();
        }
        return stripes;
    }

    // ---- reads ----

    @Override
    public Optional<OperationRecord> find(String id) {
        OperationRecord pending = laneOf(id).pending(id);
        if (pending != null) {
            return Optional.of(pending);
        }
        return query(RecordColumns.SELECT + " WHERE id = ?", List.of(id)).stream().findFirst();
    }

    @Override
    public Optional<OperationRecord> findByIdempotencyKey(String idempotencyKey, Instant notBefore) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Instant since = RecordColumns.micros(notBefore);
        for (WriteLane lane : lanes) {
            Optional<OperationRecord> pending = lane.findPending(
                    r -> idempotencyKey.equals(r.idempotencyKey()) && !r.createdAt().isBefore(since));
            if (pending.isPresent()) {
                return pending;
            }
        }
        return query(RecordColumns.SELECT + " WHERE idempotency_key = ? AND created_at >= ?",
                List.of(idempotencyKey, since)).stream().findFirst();
    }

    @Override
    public RecordPage list(RecordQuery request) {
        flush();
        StringBuilder sql = new StringBuilder(RecordColumns.SELECT).append(" WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (request.status() != null) {
            sql.append(" AND status = ?");
            parameters.add(request.status());
        }
        if (request.agent() != null) {
            sql.append(" AND agent = ?");
            parameters.add(request.agent());
        }
        if (request.cursor() != null) {
            Cursor after = Cursor.decode(request.cursor());
            // The first conjunct bounds the index range on both databases; the second skips the ties already seen.
            sql.append(" AND created_at <= ? AND (created_at < ? OR id < ?)");
            parameters.add(after.createdAt());
            parameters.add(after.createdAt());
            parameters.add(after.id());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        parameters.add(request.limit() + 1);
        List<OperationRecord> rows = query(sql.toString(), parameters);
        if (rows.size() <= request.limit()) {
            return new RecordPage(rows, null);
        }
        List<OperationRecord> page = rows.subList(0, request.limit());
        return new RecordPage(page, Cursor.after(page.getLast()).encode());
    }

    @Override
    public List<OperationRecord> unfinishedOwnedBy(String nodeId) {
        flush();
        return query(RecordColumns.SELECT + " WHERE owner_node = ? AND " + UNFINISHED
                + " ORDER BY created_at, id", List.of(nodeId));
    }

    @Override
    public int renewLeases(String nodeId, Instant leaseExpiresAt) {
        flush();
        return update("UPDATE operations SET lease_expires_at = ? WHERE owner_node = ? AND " + UNFINISHED,
                List.of(leaseExpiresAt, nodeId));
    }

    // ---- pruning ----

    @Override
    public int prune(Instant finishedBefore, long keepAtMost) {
        if (keepAtMost < 0) {
            throw new IllegalArgumentException("keepAtMost must not be negative, was " + keepAtMost);
        }
        pruneLock.lock();
        try {
            int deleted = 0;
            int chunk;
            do {
                chunk = deleteOldestFinished("finished_at < ?", List.of(finishedBefore), pruneChunk);
                deleted += chunk;
            } while (chunk == pruneChunk);
            long committed = terminalsCommitted();
            if (!finishedCount.mayExceed(keepAtMost, committed)) {
                return deleted;
            }
            long counted = countFinished();
            long excess = counted - keepAtMost;
            while (excess > 0) {
                int limit = (int) Math.min(pruneChunk, excess);
                chunk = deleteOldestFinished("finished_at IS NOT NULL", List.of(), limit);
                if (chunk == 0) {
                    break;
                }
                deleted += chunk;
                counted -= chunk;
                excess -= chunk;
            }
            finishedCount.counted(counted, committed);
            return deleted;
        } finally {
            pruneLock.unlock();
        }
    }

    /**
     * Deletes up to {@code limit} finished records matching {@code condition}, oldest first, and returns how many
     * it deleted (fewer than it selected when a peer pruning the same database got to some first). Two statements rather than
     * {@code DELETE ... WHERE id IN (SELECT ... LIMIT n)}: H2 may plan that delete as a scan that re-runs the
     * subquery for every row it visits (each deleted row invalidates the subquery's cached result), which made
     * pruning a large excess quadratic: minutes of CPU for a few hundred thousand records. Finished records never
     * change again, so deleting them by id after selecting them cannot remove anything the selection did not mean.
     */
    private int deleteOldestFinished(String condition, List<Object> parameters, int limit) {
        try (Connection connection = dataSource.getConnection()) {
            List<String> ids = new ArrayList<>(limit);
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM operations WHERE " + condition
                    + " AND " + FINISHED + " ORDER BY finished_at, id LIMIT " + limit)) {
                bind(select, parameters);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
            }
            if (ids.isEmpty()) {
                return 0;
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM operations WHERE id = ?")) {
                for (String id : ids) {
                    delete.setString(1, id);
                    delete.addBatch();
                }
                int deleted = 0;
                for (int count : delete.executeBatch()) {
                    deleted += count == Statement.SUCCESS_NO_INFO ? 1 : Math.max(count, 0);
                }
                connection.commit();
                return deleted;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new RecordStoreException("cannot prune operation records: " + e.getMessage(), e);
        }
    }

    private long terminalsCommitted() {
        long sum = 0;
        for (WriteLane lane : lanes) {
            sum += lane.terminalsCommitted();
        }
        return sum;
    }

    private long countFinished() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT COUNT(*) FROM operations WHERE finished_at IS NOT NULL AND " + FINISHED);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new RecordStoreException("cannot count finished operation records: " + e.getMessage(), e);
        }
    }

    // ---- lifecycle and inspection ----

    /** Commits every accepted write, then stops the lanes; later writes are refused. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            for (WriteLane lane : lanes) {
                lane.close();
            }
        }
    }

    /** What the writer has done so far: batches, records and the largest batch (group commit at work). */
    public WriterStats stats() {
        return metrics.snapshot();
    }

    public SqlDialect dialect() {
        return dialect;
    }

    // ---- JDBC helpers ----

    private List<OperationRecord> query(String sql, Collection<?> parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                List<OperationRecord> records = new ArrayList<>();
                while (rows.next()) {
                    records.add(RecordColumns.read(rows));
                }
                return records;
            }
        } catch (SQLException e) {
            throw new RecordStoreException("cannot read operation records: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Collection<?> parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new RecordStoreException("cannot update operation records: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement statement, Collection<?> parameters) throws SQLException {
        int i = 1;
        for (Object parameter : parameters) {
            if (parameter instanceof Instant instant) {
                RecordColumns.setInstant(statement, i++, instant);
            } else {
                statement.setObject(i++, parameter);
            }
        }
    }

    static void logDropped(OperationRecord record, RuntimeException failure) {
        LOG.log(Level.WARNING, "operation record ''{0}'' ({1}) was not written; recovery sees its last durable state: {2}",
                record.id(), record.status(), failure.getMessage());
    }

    /** Immutable batching settings; defaults suit 10,000 durable records/s on H2. */
    public static final class Builder {

        private final DataSource dataSource;
        private SqlDialect dialect;
        private MeterRegistry registry;
        private int maxBatchSize = 1_000;
        private Duration maxDelay = Duration.ofMillis(5);
        private Duration linger = Duration.ZERO;
        private Duration busyLinger = Duration.ofMillis(5);
        private int pruneChunk = 1_000;
        private int lanes;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** Skips detection from the connection metadata. */
        public Builder dialect(SqlDialect dialect) {
            this.dialect = dialect;
            return this;
        }

        /** Records {@code keel.records.batch.size}, {@code keel.records.commit} and write failures; may be null. */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = registry;
            return this;
        }

        /** A batch is written as soon as it holds this many records. */
        public Builder maxBatchSize(int maxBatchSize) {
            if (maxBatchSize < 1) {
                throw new IllegalArgumentException("maxBatchSize must be at least 1, was " + maxBatchSize);
            }
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        /** How long non-terminal writes may wait for company before the writer commits them. */
        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = nonNegative("maxDelay", maxDelay);
            return this;
        }

        /** How long a batch with a waiting {@code saveTerminal} waits for more records; 0 commits at once. */
        public Builder linger(Duration linger) {
            this.linger = nonNegative("linger", linger);
            return this;
        }

        /**
         * While the store is busy (its last batch held more than one record), how long at most a batch with a
         * waiting {@code saveTerminal} waits for more, as long as records keep joining it (it is committed once
         * none has for 0.3 ms); bigger batches make each record cheaper. 5 ms by default.
         */
        public Builder busyLinger(Duration busyLinger) {
            this.busyLinger = nonNegative("busyLinger", busyLinger);
            return this;
        }

        /**
         * How many batches may commit at once (each id always uses the same lane). By default 1 on H2, 2 on
         * PostgreSQL (see {@link #defaultLanes}).
         */
        public Builder lanes(int lanes) {
            if (lanes < 1 || lanes > 64) {
                throw new IllegalArgumentException("lanes must be within 1..64, was " + lanes);
            }
            this.lanes = lanes;
            return this;
        }

        /** Pruning deletes at most this many records per statement, so it never holds long locks. */
        public Builder pruneChunk(int pruneChunk) {
            if (pruneChunk < 1) {
                throw new IllegalArgumentException("pruneChunk must be at least 1, was " + pruneChunk);
            }
            this.pruneChunk = pruneChunk;
            return this;
        }

        public JdbcOperationRecordStore build() {
            return new JdbcOperationRecordStore(this);
        }

        private static Duration nonNegative(String name, Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be zero or positive, was " + value);
            }
            return value;
        }
    }
}
