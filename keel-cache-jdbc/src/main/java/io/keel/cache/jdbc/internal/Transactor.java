package io.keel.cache.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

import javax.sql.DataSource;

import io.keel.cache.Invalidation;

/**
 * Runs a unit of work in one transaction on a fresh connection, and sends the invalidations it announced: on
 * PostgreSQL as {@code pg_notify} inside the transaction, so they are delivered exactly when (and only if) it
 * commits; on H2 to the in-process bus right after the commit.
 *
 * <p>A transaction that loses a deadlock, a serialization check or a lock wait is retried from scratch, a few
 * times. At most {@code maxConnections} units run at once, so unbounded virtual threads cannot exhaust the
 * database's connections.
 */
public final class Transactor {

    /** Work inside a transaction; it may announce invalidations through the given list. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection, List<Invalidation> announce) throws SQLException;
    }

    private static final int ATTEMPTS = 5;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final String channel;
    private final String busAddress;
    private final Semaphore permits;

    public Transactor(DataSource dataSource, Dialect dialect, String channel, String busAddress, int maxConnections) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.channel = channel;
        this.busAddress = busAddress;
        this.permits = new Semaphore(maxConnections, true);
    }

    /** Work that only reads and announces nothing. */
    @FunctionalInterface
    public interface Read<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs a read in autocommit mode: each statement sees a committed state of its own, and the read costs no
     * {@code COMMIT} round trip (measured: a transaction made a single-key read 0.55 of a plain SELECT,
     * docs/benchmarks/cache-jdbc.md). Enough for a cache read, which answers each key by itself.
     */
    public <T> T read(Read<T> work) throws SQLException {
        permits.acquireUninterruptibly();
        try (Connection c = dataSource.getConnection()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            return work.run(c);
        } finally {
            permits.release();
        }
    }

    public <T> T run(Work<T> work) throws SQLException {
        permits.acquireUninterruptibly();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return once(work);
                } catch (SQLException e) {
                    if (attempt >= ATTEMPTS || !retryable(e)) {
                        throw e;
                    }
                }
            }
        } finally {
            permits.release();
        }
    }

    private <T> T once(Work<T> work) throws SQLException {
        List<Invalidation> announced = new ArrayList<>();
        T result;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                result = work.run(c, announced);
                if (dialect.notifies() && !announced.isEmpty()) {
                    notify(c, announced);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
        if (!dialect.notifies()) {
            for (Invalidation inv : announced) {
                LocalBus.deliver(busAddress, inv);
            }
        }
        return result;
    }

    private void notify(Connection c, List<Invalidation> announced) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            for (Invalidation inv : announced) {
                ps.setString(1, channel);
                ps.setString(2, Announcements.fitted(inv, Announcements.MAX_PAYLOAD_BYTES).encode());
                ps.executeQuery().close();
            }
        }
    }

    /** Deadlock, serialization failure, lock timeout (PostgreSQL and H2 codes). */
    private static boolean retryable(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state) || "55P03".equals(state) || "HYT00".equals(state)
                || e.getErrorCode() == 90131 && "90131".equals(state);
    }
}
