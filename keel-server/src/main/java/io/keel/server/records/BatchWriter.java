package io.keel.server.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Predicate;

/**
 * Writes one {@link PendingBatch} in one transaction; used only by the store's writer thread.
 *
 * <p>Records the lane believes new ({@link PendingBatch#isFresh}) are inserted, the rest upserted: an insert is the
 * cheaper statement and most records of a busy server are written once, with their terminal state. The belief may
 * be wrong (a record written by an earlier process, say), so if the batch fails it is rolled back and written
 * again with upserts only; if that fails too (a value too long, a key clash), one record per transaction, so one
 * bad record fails alone instead of failing every waiter of the batch.
 *
 * <p>Idempotency keys expire (API: 24 h), after which a new operation may reuse one, while the unique index keeps
 * one holder per key. So before a keyed record is written, <em>older</em> records release that key; a newer holder
 * is never robbed, whatever order late writes arrive in.
 */
final class BatchWriter {

    private static final int STATEMENTS_PER_EXECUTE = 500;
    private static final String RELEASE_KEY =
            "UPDATE operations SET idempotency_key = NULL WHERE idempotency_key = ? AND id <> ? AND created_at < ?";

    private final javax.sql.DataSource dataSource;
    private final String insert;
    private final String upsert;

    BatchWriter(javax.sql.DataSource dataSource, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.insert = dialect.insert();
        this.upsert = dialect.upsert();
    }

    void write(PendingBatch batch) {
        List<OperationRecord> records = List.copyOf(batch.records());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            if (tryWrite(connection, records, batch::isFresh) || tryWrite(connection, records, record -> false)) {
                return;
            }
            for (OperationRecord record : records) {
                try {
                    writeAll(connection, List.of(record), r -> false);
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    fail(batch, record, e);
                }
            }
        } catch (SQLException | RuntimeException e) {
            for (OperationRecord record : records) {
                if (batch.failure(record.id()) == null) {
                    fail(batch, record, e);
                }
            }
        }
    }

    /** One transaction; false (rolled back) if it failed. */
    private boolean tryWrite(Connection connection, List<OperationRecord> records,
                             Predicate<OperationRecord> insertable) throws SQLException {
        try {
            writeAll(connection, records, insertable);
            connection.commit();
            return true;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            return false;
        }
    }

    private static void fail(PendingBatch batch, OperationRecord record, Exception cause) {
        RecordStoreException failure = new RecordStoreException("cannot write operation record '" + record.id()
                + "' (" + record.status() + "): " + cause.getMessage(), cause);
        batch.fail(record.id(), failure);
        if (!record.isTerminal()) {
            JdbcOperationRecordStore.logDropped(record, failure);
        }
    }

    private void writeAll(Connection connection, List<OperationRecord> records, Predicate<OperationRecord> insertable)
            throws SQLException {
        if (records.stream().anyMatch(r -> r.idempotencyKey() != null)) {
            try (PreparedStatement release = connection.prepareStatement(RELEASE_KEY)) {
                for (OperationRecord record : records) {
                    if (record.idempotencyKey() != null) {
                        release.setString(1, record.idempotencyKey());
                        release.setString(2, record.id());
                        RecordColumns.setInstant(release, 3, record.createdAt());
                        release.addBatch();
                    }
                }
                release.executeBatch();
            }
        }
        execute(connection, insert, records, insertable);
        execute(connection, upsert, records, insertable.negate());
    }

    private static void execute(Connection connection, String sql, List<OperationRecord> records,
                                Predicate<OperationRecord> selected) throws SQLException {
        PreparedStatement statement = null;
        try {
            int queued = 0;
            for (OperationRecord record : records) {
                if (!selected.test(record)) {
                    continue;
                }
                if (statement == null) {
                    statement = connection.prepareStatement(sql);
                }
                RecordColumns.bind(statement, record);
                statement.addBatch();
                if (++queued % STATEMENTS_PER_EXECUTE == 0) {
                    statement.executeBatch();
                }
            }
            if (queued % STATEMENTS_PER_EXECUTE != 0) {
                statement.executeBatch();
            }
        } finally {
            if (statement != null) {
                statement.close();
            }
        }
    }
}
