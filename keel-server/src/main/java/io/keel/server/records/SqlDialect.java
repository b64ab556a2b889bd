package io.keel.server.records;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.stream.Collectors;

import javax.sql.DataSource;

/**
 * The few statements that H2 and PostgreSQL spell differently; everything else is shared SQL.
 *
 * <p>Both upserts only replace a row whose status is still QUEUED or RUNNING: a terminal record is final, so a
 * late progress write, or a second terminal write, changes nothing. H2 has no {@code ON CONFLICT}, so it uses
 * standard {@code MERGE} (its own {@code MERGE … KEY} form cannot be guarded); PostgreSQL uses
 * {@code ON CONFLICT}, which unlike its {@code MERGE} is safe against a concurrent insert of the same id.
 */
public enum SqlDialect {
    H2, POSTGRESQL;

    private static final String GUARD = "status IN ('QUEUED','RUNNING')";

    /** Detects the database behind a pool from its metadata. */
    public static SqlDialect of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            return switch (product.toLowerCase(Locale.ROOT)) {
                case "h2" -> H2;
                case "postgresql" -> POSTGRESQL;
                default -> throw new IllegalArgumentException(
                        "records need H2 or PostgreSQL, the database is '" + product + "'");
            };
        } catch (SQLException e) {
            throw new RecordStoreException("cannot detect the records database: " + e.getMessage(), e);
        }
    }

    /**
     * A plain insert, one parameter per column of {@link RecordColumns#ALL}: for records the store believes new.
     * Cheaper than the upsert on both databases (no join with the table, no guard); a wrong guess fails on the
     * primary key and the batch is written again with upserts.
     */
    String insert() {
        return "INSERT INTO operations (" + String.join(", ", RecordColumns.ALL) + ") VALUES ("
                + RecordColumns.ALL.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }

    /** One parameter per column of {@link RecordColumns#ALL}, in that order. */
    String upsert() {
        String columns = String.join(", ", RecordColumns.ALL);
        String marks = RecordColumns.ALL.stream().map(c -> "?").collect(Collectors.joining(", "));
        // H2 types the columns of a VALUES list from the first row it sees and keeps that plan: a NULL there
        // would type the column NULL and blank every later value. Casts pin the types (lengths stay unbounded,
        // so an over-long value fails on the table's own limit instead of being truncated by the cast).
        String typedMarks = RecordColumns.ALL.stream().map(c -> "CAST(? AS " + RecordColumns.castType(c) + ")")
                .collect(Collectors.joining(", "));
        String updatable = RecordColumns.ALL.stream().filter(c -> !c.equals("id")).map(c -> c + " = s." + c)
                .collect(Collectors.joining(", "));
        return switch (this) {
            case H2 -> "MERGE INTO operations t USING (VALUES (" + typedMarks + ")) AS s(" + columns + ") ON t.id = s.id"
                    + " WHEN MATCHED AND t." + GUARD + " THEN UPDATE SET " + updatable
                    + " WHEN NOT MATCHED THEN INSERT (" + columns + ") VALUES ("
                    + RecordColumns.ALL.stream().map(c -> "s." + c).collect(Collectors.joining(", ")) + ")";
            case POSTGRESQL -> "INSERT INTO operations (" + columns + ") VALUES (" + marks + ")"
                    + " ON CONFLICT (id) DO UPDATE SET " + updatable.replace(" = s.", " = EXCLUDED.")
                    + " WHERE operations." + GUARD;
        };
    }
}
