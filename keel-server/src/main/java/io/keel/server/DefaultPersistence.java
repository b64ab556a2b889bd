package io.keel.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import io.keel.server.config.KeelConfig;
import io.keel.server.records.Database;
import io.keel.server.records.JdbcOperationRecordStore;
import io.keel.server.records.OperationRecordStore;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The records database the configuration names: an embedded H2 file under the data dir by default,
 * PostgreSQL when {@code KEEL_DB_URL} says so; pooled by HikariCP, migrated by Flyway, written with group
 * commit by {@link JdbcOperationRecordStore}.
 */
final class DefaultPersistence implements Persistence {

    private static final int PING_TIMEOUT_SECONDS = 2;

    private final Database database;
    private final JdbcOperationRecordStore store;

    private DefaultPersistence(Database database, JdbcOperationRecordStore store) {
        this.database = database;
        this.store = store;
    }

    static Persistence open(KeelConfig config, MeterRegistry registry) {
        String url = config.dbUrl() != null ? config.dbUrl() : Database.embeddedH2Url(config.dataDir());
        Database database = Database.open(url, config.dbUser(), config.dbPassword(), config.dbPoolSize());
        try {
            return new DefaultPersistence(database, JdbcOperationRecordStore.create(database.dataSource(), registry));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    @Override
    public OperationRecordStore store() {
        return store;
    }

    @Override
    public Optional<DataSource> dataSource() {
        return Optional.of(database.dataSource());
    }

    @Override
    public boolean isUp() {
        try (Connection connection = database.dataSource().getConnection()) {
            return connection.isValid(PING_TIMEOUT_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Flushes and closes the store first (its last batch needs the pool), then the pool. */
    @Override
    public void close() {
        try {
            store.close();
        } finally {
            database.close();
        }
    }
}
