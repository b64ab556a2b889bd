package io.keel.server.records;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import io.keel.testkit.Services;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The record store contract on real PostgreSQL, in a schema of its own (other helpers share the server), dropped
 * afterwards.
 */
class PostgresOperationRecordStoreTest extends OperationRecordStoreContract {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String SCHEMA = "keel_records_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeAll
    static void requirePostgres() {
        Services.POSTGRES.require();
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (!Services.POSTGRES.isUp()) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @Override
    protected Database openDatabase() {
        return Database.open(SERVER + "?currentSchema=" + SCHEMA, "postgres", "", 4);
    }
}
