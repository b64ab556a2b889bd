package io.keel.cache.jdbc.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.keel.cache.Invalidation;

/**
 * One thread holding one dedicated connection that {@code LISTEN}s on a namespace's channel and hands each
 * notification to the level's listeners.
 *
 * <p>States: connected (polling {@code getNotifications}), disconnected (retrying with a backoff of 100 ms doubling
 * to 5 s), closed. Leaving disconnected for connected tells the listeners of a gap, since whatever was notified
 * meanwhile is lost; so does a first connection that only succeeds after {@link #start} returned. Only the
 * listening thread touches the connection after {@link #start}; {@link #close} sets a flag and waits for it.
 */
public final class PgListener {

    private static final System.Logger LOG = System.getLogger(PgListener.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final String channel;
    private final Listeners listeners;
    private final int pollMillis;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread thread;
    private Connection connection;
    private volatile int backendPid = -1;

    public PgListener(DataSource dataSource, String channel, Listeners listeners, Duration poll) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.listeners = listeners;
        this.pollMillis = (int) Math.max(1, poll.toMillis());
        this.thread = Thread.ofPlatform().daemon().name("keel-cache-jdbc-listen-" + channel).unstarted(this::run);
    }

    /**
     * Listens before returning, when the database answers, so nothing committed after this call is missed; if it
     * does not answer, the thread keeps trying and reports a gap once it gets through.
     */
    public void start() {
        try {
            connection = listen();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot LISTEN on " + channel + " yet; retrying", e);
        }
        thread.start();
    }

    /** The server process id of the listening connection, or -1 while disconnected. */
    public int backendPid() {
        return backendPid;
    }

    private Connection listen() throws SQLException {
        Connection c = dataSource.getConnection();
        try (Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                backendPid = rs.getInt(1);
            }
            s.execute("LISTEN " + channel);
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            backendPid = -1;
            throw e;
        }
    }

    private void run() {
        long backoff = 100;
        while (closed.getCount() > 0) {
            if (connection == null) {
                try {
                    connection = listen();
                    backoff = 100;
                    LOG.log(System.Logger.Level.INFO, "invalidation link on {0} restored", channel);
                    listeners.gap();
                } catch (SQLException e) {
                    awaitClose(backoff);
                    backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
                    continue;
                }
            }
            try {
                PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(pollMillis);
                if (notifications != null) {
                    for (PGNotification n : notifications) {
                        deliver(n.getParameter());
                    }
                }
            } catch (SQLException e) {
                if (closed.getCount() > 0) {
                    LOG.log(System.Logger.Level.WARNING, "invalidation link on " + channel + " lost", e);
                }
                closeQuietly(connection);
                connection = null;
                backendPid = -1;
            }
        }
        if (connection != null) {
            closeQuietly(connection);
        }
    }

    private void deliver(String payload) {
        Invalidation invalidation;
        try {
            invalidation = Invalidation.decode(payload);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring a malformed invalidation: {0}", payload);
            return;
        }
        listeners.deliver(invalidation);
    }

    private void awaitClose(long millis) {
        try {
            closed.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed.countDown();
        }
    }

    /** Stops listening; returns once the thread has closed its connection (or after a few poll periods). */
    public void close() {
        closed.countDown();
        try {
            thread.join(Duration.ofMillis(pollMillis * 4L + 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a listening connection failed", e);
        }
    }
}
