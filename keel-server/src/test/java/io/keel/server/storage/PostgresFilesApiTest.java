package io.keel.server.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.keel.server.config.Setting;
import io.keel.testkit.Services;
import org.junit.jupiter.api.AfterAll;

/** The file endpoints on real PostgreSQL, in a schema of its own that is dropped afterwards. */
class PostgresFilesApiTest extends FilesApiContract {

    private static final String BASE_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private final String schema = "keel_files_test_" + Long.toHexString(System.nanoTime());

    @Override
    Map<Setting, String> databaseSettings() {
        Services.POSTGRES.require();
        return Map.of(Setting.DB_URL, BASE_URL + "?currentSchema=" + schema, Setting.DB_USER, "postgres");
    }

    @AfterAll
    void dropSchema() throws SQLException {
        if (!Services.POSTGRES.isUp()) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(BASE_URL, "postgres", null);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
