package io.keel.server.loadtest;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Keep-alive connections to one target. A request takes an idle connection or opens one, and gives it back when
 * the response allows reuse; so the number of open connections follows the concurrency the run needs (one per
 * closed-model user; up to the in-flight bound in the open model), as with wrk's fixed connections.
 *
 * <p>Thread-safe: idle connections sit in a lock-free deque used last-in first-out (the most recently used
 * connection is the one least likely to have been closed by the server's idle timeout); every open connection is
 * also in a concurrent set so {@link #close()} can close those still in use.
 */
final class ConnectionPool implements AutoCloseable {

    private final URI target;
    private final Duration timeout;
    private final ConcurrentLinkedDeque<HttpConnection> idle = new ConcurrentLinkedDeque<>();
    private final Set<HttpConnection> open = ConcurrentHashMap.newKeySet();
    private final long timeoutNanos;
    private final Thread watchdog;
    private volatile boolean closed;

    ConnectionPool(URI target, Duration timeout) {
        this.target = target;
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        this.watchdog = Thread.ofVirtual().name("loadtest-timeouts").start(this::expireOverdue);
    }

    /** The request timeout every exchange on these connections runs under. */
    long timeoutNanos() {
        return timeoutNanos;
    }

    /**
     * Closes connections whose exchange ran past its deadline, checking a few times per timeout (at most every
     * 50 ms): a timeout is reported within that slack of being due.
     */
    private void expireOverdue() {
        long period = Math.max(1_000_000L, Math.min(50_000_000L, timeoutNanos / 4));
        while (!closed) {
            java.util.concurrent.locks.LockSupport.parkNanos(period);
            long now = System.nanoTime();
            for (HttpConnection connection : open) {
                if (connection.expireIfOverdue(now)) {
                    open.remove(connection);
                }
            }
        }
    }

    /** An idle connection, or a new one when none is idle. */
    HttpConnection acquire() throws IOException {
        HttpConnection connection = idle.pollFirst();
        return connection != null ? connection : connect();
    }

    /** A fresh connection, never a pooled one (after a stale pooled connection failed). */
    HttpConnection connect() throws IOException {
        if (closed) {
            throw new IOException("connection pool closed");
        }
        HttpConnection connection = HttpConnection.open(target, timeout);
        open.add(connection);
        if (closed) {
            discard(connection);
            throw new IOException("connection pool closed");
        }
        return connection;
    }

    /** Returns a connection after a complete exchange whose response allowed reuse. */
    void release(HttpConnection connection) {
        if (closed) {
            discard(connection);
            return;
        }
        idle.offerFirst(connection);
    }

    /** Closes a connection that failed or that the server will close. */
    void discard(HttpConnection connection) {
        open.remove(connection);
        connection.close();
    }

    @Override
    public void close() {
        closed = true;
        watchdog.interrupt();
        for (HttpConnection connection : open) {
            discard(connection);
        }
        idle.clear();
    }
}
