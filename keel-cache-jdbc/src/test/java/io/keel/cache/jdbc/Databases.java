package io.keel.cache.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import io.keel.testkit.Services;

/** The two databases the tests run on: the real PostgreSQL on loopback, and one in-memory H2 per test JVM. */
final class Databases {

    static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    static final String H2_URL = "jdbc:h2:mem:keel-cache-jdbc;DB_CLOSE_DELAY=-1";

    private Databases() {
    }

    static DataSource postgres() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(POSTGRES_URL);
        return ds;
    }

    static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(H2_URL);
        return ds;
    }

    /** Removes a namespace's rows from the default tables (never the tables: other tests share them). */
    static void purge(DataSource ds, String namespace) {
        purge(ds, namespace, "keel_cache_");
    }

    /** Removes a namespace's rows from the tables of this prefix. */
    static void purge(DataSource ds, String namespace, String tablePrefix) {
        if (ds instanceof PGSimpleDataSource && !Services.POSTGRES.isUp()) {
            return;
        }
        try (Connection c = ds.getConnection()) {
            for (String table : new String[] {tablePrefix + "entries", tablePrefix + "tags"}) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE ns = ?")) {
                    ps.setString(1, namespace);
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot purge namespace " + namespace, e);
        }
    }

    /** Ends a PostgreSQL backend as an operator (or a failover) would. */
    static void terminate(int pid) {
        try (Connection c = postgres().getConnection(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT pg_terminate_backend(" + pid + ")").close();
        } catch (SQLException e) {
            throw new AssertionError("cannot terminate backend " + pid, e);
        }
    }
}
