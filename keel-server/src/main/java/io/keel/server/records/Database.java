package io.keel.server.records;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The records database: a HikariCP pool over H2 (embedded default) or PostgreSQL, migrated by Flyway on open.
 *
 * <p>H2 durability: H2's MVStore writes committed changes to the file only every {@code WRITE_DELAY} ms
 * (500 by default), so a SIGKILL could lose commits the API already reported. With {@code WRITE_DELAY=0}
 * H2 2.x stores the MVStore at the end of every writing transaction, before {@code commit()} returns
 * ({@code TransactionStore.endTransaction} calls {@code MVStore.commit()} when the auto-commit delay is 0).
 * The data then sits in the OS page cache, which survives the death of the process (not a power cut: H2 does
 * not fsync per commit). {@link JdbcOperationRecordStore} batches terminal writes so that this costs one store
 * per batch, not per record. {@link #open} adds the setting to every H2 URL that does not name it.
 *
 * <p>PostgreSQL: a {@code currentSchema} URL parameter isolates the records in that schema; Flyway creates it
 * and keeps its history there (tests use a fresh schema each).
 */
public final class Database implements AutoCloseable {

    private static final Pattern CURRENT_SCHEMA = Pattern.compile("[?&]currentSchema=([^&,]+)");

    private final HikariDataSource dataSource;
    private final SqlDialect dialect;

    private Database(HikariDataSource dataSource, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /**
     * Opens a pool and runs pending migrations.
     *
     * @throws IllegalArgumentException for a URL that is neither H2 nor PostgreSQL, or a pool size below 1
     * @throws RecordStoreException     when the database cannot be reached or migrated
     */
    public static Database open(String jdbcUrl, String user, String password, int poolSize) {
        if (jdbcUrl == null || !(jdbcUrl.startsWith("jdbc:h2:") || jdbcUrl.startsWith("jdbc:postgresql:"))) {
            throw new IllegalArgumentException(
                    "records database URL must start with jdbc:h2: or jdbc:postgresql:, was '" + jdbcUrl + "'");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("database pool size must be at least 1, was " + poolSize);
        }
        String url = durableUrl(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("keel-records");
        config.setAutoCommit(true);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new RecordStoreException("cannot open records database " + redact(url) + ": " + e.getMessage(), e);
        }
        try {
            migrate(dataSource, url);
            return new Database(dataSource, SqlDialect.of(dataSource));
        } catch (RuntimeException e) {
            dataSource.close();
            throw e instanceof RecordStoreException r ? r
                    : new RecordStoreException("cannot migrate records database " + redact(url) + ": " + e.getMessage(), e);
        }
    }

    /** The embedded default: an H2 file database under {@code <dataDir>/db/}. */
    public static String embeddedH2Url(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve("db").resolve("keel");
        // DB_CLOSE_ON_EXIT=FALSE: the server closes the pool in its own shutdown hook, after the last record is
        // written; H2's hook could otherwise close the database under it.
        return "jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** Closes the pool; for H2 the last connection closing also closes the database file. */
    @Override
    public void close() {
        dataSource.close();
    }

    static String durableUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.toUpperCase(Locale.ROOT).contains("WRITE_DELAY")) {
            return jdbcUrl + ";WRITE_DELAY=0";
        }
        return jdbcUrl;
    }

    private static void migrate(DataSource dataSource, String url) {
        FluentConfiguration flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration");
        Matcher schema = CURRENT_SCHEMA.matcher(url);
        if (url.startsWith("jdbc:postgresql:") && schema.find()) {
            flyway.schemas(schema.group(1)).defaultSchema(schema.group(1)).createSchemas(true);
        }
        flyway.load().migrate();
        checkReachable(dataSource);
    }

    private static void checkReachable(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            connection.isValid(5);
        } catch (SQLException e) {
            throw new RecordStoreException("records database unreachable after migration: " + e.getMessage(), e);
        }
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
