package io.keel.server.records;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Maps {@link OperationRecord} to the {@code operations} table and back; column order is the binding order. */
final class RecordColumns {

    static final List<String> ALL = List.of(
            "id", "agent", "status", "priority", "created_at", "started_at", "finished_at",
            "progress_percent", "progress_step", "progress_step_index", "progress_step_count", "eta_ms",
            "input_json", "result_json", "error_type", "error_message", "cached", "idempotency_key",
            "timeout_ms", "owner_node", "lease_expires_at", "attempts", "trace_id");

    /** The SQL type of a column, without length limits: for casts of parameters whose type H2 cannot infer. */
    static String castType(String column) {
        return switch (column) {
            case "priority", "progress_step_index", "progress_step_count", "attempts" -> "INTEGER";
            case "eta_ms", "timeout_ms" -> "BIGINT";
            case "created_at", "started_at", "finished_at", "lease_expires_at" -> "TIMESTAMP(6) WITH TIME ZONE";
            case "progress_percent" -> "DOUBLE PRECISION";
            case "cached" -> "BOOLEAN";
            default -> "VARCHAR";
        };
    }

    static final String SELECT = "SELECT " + String.join(", ", ALL) + " FROM operations";

    private RecordColumns() {
    }

    static void bind(PreparedStatement statement, OperationRecord record) throws SQLException {
        int i = 1;
        statement.setString(i++, record.id());
        statement.setString(i++, record.agent());
        statement.setString(i++, record.status());
        statement.setInt(i++, record.priority());
        setInstant(statement, i++, record.createdAt());
        setInstant(statement, i++, record.startedAt());
        setInstant(statement, i++, record.finishedAt());
        statement.setDouble(i++, record.progressPercent());
        statement.setString(i++, record.progressStep());
        statement.setInt(i++, record.progressStepIndex());
        statement.setInt(i++, record.progressStepCount());
        setLong(statement, i++, record.etaMs());
        statement.setString(i++, record.inputJson());
        statement.setString(i++, record.resultJson());
        statement.setString(i++, record.errorType());
        statement.setString(i++, record.errorMessage());
        statement.setBoolean(i++, record.cached());
        statement.setString(i++, record.idempotencyKey());
        setLong(statement, i++, record.timeoutMs());
        statement.setString(i++, record.ownerNode());
        setInstant(statement, i++, record.leaseExpiresAt());
        statement.setInt(i++, record.attempts());
        statement.setString(i, record.traceId());
    }

    static OperationRecord read(ResultSet row) throws SQLException {
        return new OperationRecord(
                row.getString("id"),
                row.getString("agent"),
                row.getString("status"),
                row.getInt("priority"),
                instant(row, "created_at"),
                instant(row, "started_at"),
                instant(row, "finished_at"),
                row.getDouble("progress_percent"),
                row.getString("progress_step"),
                row.getInt("progress_step_index"),
                row.getInt("progress_step_count"),
                nullableLong(row, "eta_ms"),
                row.getString("input_json"),
                row.getString("result_json"),
                row.getString("error_type"),
                row.getString("error_message"),
                row.getBoolean("cached"),
                row.getString("idempotency_key"),
                nullableLong(row, "timeout_ms"),
                row.getString("owner_node"),
                instant(row, "lease_expires_at"),
                row.getInt("attempts"),
                row.getString("trace_id"));
    }

    /** Both databases keep microseconds; truncating here makes a record read back equal to the one written. */
    static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(micros(instant), ZoneOffset.UTC));
        }
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
