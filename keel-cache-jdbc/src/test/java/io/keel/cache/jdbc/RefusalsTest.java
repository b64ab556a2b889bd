package io.keel.cache.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.keel.cache.Invalidation;

/** What the level refuses at construction, and how failures later reach the caller: through futures only. */
class RefusalsTest {

    private static final Duration TTL = Duration.ofMinutes(1);

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "users;DROP TABLE x", "user*", "-leading", "ns\n"})
    void aNamespaceOutsideTheSafeAlphabetIsRefusedByName(String namespace) {
        assertThatThrownBy(() -> JdbcSecondLevel.create(Databases.h2(), namespace))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("namespace");
    }

    @Test
    void aTooLongOrMissingNamespaceIsRefused() {
        assertThatThrownBy(() -> JdbcSecondLevel.create(Databases.h2(), "n".repeat(201)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace");
        assertThatThrownBy(() -> JdbcSecondLevel.create(Databases.h2(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Keel_", "keel-cache_", "keel_cache; drop table t; --", "1keel",
        "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"})
    void aTablePrefixThatIsNotAPlainIdentifierIsRefusedByName(String prefix) {
        assertThatThrownBy(() -> JdbcSecondLevel.Options.defaults().withTablePrefix(prefix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tablePrefix")
                .hasMessageContaining("'" + prefix + "'");
    }

    @Test
    void badOptionsAreRefusedQuotingTheValue() {
        JdbcSecondLevel.Options d = JdbcSecondLevel.Options.defaults();
        assertThatThrownBy(() -> d.withPurgeInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("purgeInterval").hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> d.withListenPoll(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listenPoll");
        assertThatThrownBy(() -> d.withMaxConnections(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxConnections must be at least 1: 0");
        assertThatThrownBy(() -> d.withClock(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clock");
        assertThatThrownBy(() -> JdbcSecondLevel.create(null, "ns"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dataSource");
    }

    @Test
    void aDatabaseOtherThanPostgresOrH2IsRefusedByName() {
        DataSource derby = reportingProduct(Databases.h2(), "Apache Derby");
        assertThatThrownBy(() -> JdbcSecondLevel.create(derby, "ns"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported database 'Apache Derby'")
                .hasMessageContaining("PostgreSQL and H2");
    }

    @Test
    void anUnreachableDatabaseIsReportedAtCreation() {
        org.postgresql.ds.PGSimpleDataSource nowhere = new org.postgresql.ds.PGSimpleDataSource();
        // Port 1 on loopback: refused at once, nothing listens there.
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/test?user=postgres&connectTimeout=2");
        assertThatThrownBy(() -> JdbcSecondLevel.create(nowhere, "ns"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cache namespace 'ns'");
    }

    @Test
    void sqlFailuresAndCallsAfterCloseFailTheFutureInsteadOfThrowing() throws Exception {
        String namespace = "keeltest-" + UUID.randomUUID();
        JdbcSecondLevel.Options ownTables = JdbcSecondLevel.Options.defaults().withTablePrefix("keel_dropped_");
        JdbcSecondLevel level = JdbcSecondLevel.create(Databases.h2(), namespace, ownTables);
        try (Connection c = Databases.h2().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE keel_dropped_entries");
        }
        assertThat(level.get("k")).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(SQLException.class);
        assertThat(level.put("k", new byte[] {1}, 1, Set.of(), TTL)).failsWithin(Duration.ofSeconds(10));
        assertThat(level.estimatedEntries()).isEqualTo(-1);
        level.close();
        assertThat(level.ping()).failsWithin(Duration.ofSeconds(1))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class)
                .withMessageContaining("closed");
        assertThat(level.putAll(List.of(), "n")).succeedsWithin(Duration.ofSeconds(1));
        assertThat(level.put("k", null, 1, Set.of(), TTL)).failsWithin(Duration.ofSeconds(1));
        level.subscribe(new io.keel.cache.InvalidationListener() {
            @Override
            public void onInvalidation(Invalidation invalidation) {
            }

            @Override
            public void onLinkGap() {
            }
        }).close();
        level.close();
    }

    /** A real H2 data source whose metadata names another product: a stand-in for a database we do not run. */
    private static DataSource reportingProduct(DataSource real, String product) {
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                Connection c = real.getConnection();
                DatabaseMetaData meta = c.getMetaData();
                DatabaseMetaData renamed = proxy(DatabaseMetaData.class, (p, m, args) ->
                        m.getName().equals("getDatabaseProductName") ? product : invoke(m, meta, args));
                return proxy(Connection.class, (p, m, args) ->
                        m.getName().equals("getMetaData") ? renamed : invoke(m, c, args));
            }

            @Override
            public Connection getConnection(String user, String password) throws SQLException {
                return getConnection();
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() throws SQLFeatureNotSupportedException {
                throw new SQLFeatureNotSupportedException();
            }

            @Override
            public <T> T unwrap(Class<T> iface) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(RefusalsTest.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
