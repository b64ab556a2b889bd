package io.keel.server.edge;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.github.bucket4j.ConsumptionProbe;

/**
 * The limit shared through Redis while Redis answers, this node's own limit while it does not: a Redis outage
 * must neither fail requests nor hold them for a command timeout each (API.md: Redis is never needed to serve).
 *
 * <ul>
 *   <li><b>Not connected</b> (Redis was down when the node started, or the connection was refused): requests are
 *       limited locally, and at most one background attempt to connect runs every {@code retry}.</li>
 *   <li><b>Connected, failing</b>: the failing request and every request for the next {@code retry} are limited
 *       locally; then one request probes Redis again while the others stay local.</li>
 * </ul>
 * Each switch is logged once. The two limits are the same numbers; only their scope (cluster or node) changes.
 */
public final class FallbackRateLimiter implements RateLimiter {

    private static final System.Logger LOG = System.getLogger(FallbackRateLimiter.class.getName());

    private final Supplier<? extends RateLimiter> connectShared;
    private final RateLimiter local;
    private final LongSupplier nanoTime;
    private final long retryNanos;
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile RateLimiter shared;
    /** Whether the last call to Redis failed; then it is not tried again before {@link #retryAt}. */
    private volatile boolean down;
    private volatile long retryAt;
    private volatile long nextConnectAttempt;
    private volatile boolean closed;
    private volatile boolean toldUnreachable;

    /**
     * Tries to connect once now; when that fails the node starts on its local limit.
     *
     * @param connectShared connects to the shared limit or throws; its commands must have a short timeout
     */
    public FallbackRateLimiter(Supplier<? extends RateLimiter> connectShared, RateLimiter local,
                               LongSupplier nanoTime, Duration retry) {
        this.connectShared = Objects.requireNonNull(connectShared, "connectShared");
        this.local = Objects.requireNonNull(local, "local");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.retryNanos = retry.toNanos();
        if (retryNanos <= 0) {
            throw new IllegalArgumentException("retry must be positive, was " + retry);
        }
        connect();
    }

    /** Whether decisions are taken by the shared (Redis) limit right now. */
    public boolean shared() {
        return shared != null && !down;
    }

    @Override
    public long limit() {
        return local.limit();
    }

    @Override
    public ConsumptionProbe tryConsume(String client) {
        RateLimiter s = shared;
        if (s == null) {
            if (nanoTime.getAsLong() - nextConnectAttempt >= 0 && connecting.compareAndSet(false, true)) {
                Thread.ofVirtual().name("keel-rate-limit-connect").start(() -> {
                    try {
                        connect();
                    } finally {
                        connecting.set(false);
                    }
                });
            }
            return local.tryConsume(client);
        }
        if (!down) {
            try {
                return s.tryConsume(client);
            } catch (RuntimeException e) {
                if (markDown()) {
                    LOG.log(Level.WARNING, "rate limits: Redis does not answer ({0}); limiting per node for now",
                            e.getMessage());
                }
                return local.tryConsume(client);
            }
        }
        if (nanoTime.getAsLong() - retryAt >= 0 && probing.compareAndSet(false, true)) {
            try {
                ConsumptionProbe probe = s.tryConsume(client);
                down = false;
                LOG.log(Level.INFO, "rate limits: Redis answers again; limits are shared again");
                return probe;
            } catch (RuntimeException e) {
                markDown();
            } finally {
                probing.set(false);
            }
        }
        return local.tryConsume(client);
    }

    /** @return whether this call switched to the local limit (and should say so) */
    private boolean markDown() {
        retryAt = nanoTime.getAsLong() + retryNanos;
        boolean switching = !down;
        down = true;
        return switching;
    }

    private void connect() {
        try {
            RateLimiter connected = connectShared.get();
            synchronized (this) {
                if (closed) {
                    connected.close();
                    return;
                }
                shared = connected;
            }
            LOG.log(Level.INFO, "rate limits: shared through Redis");
        } catch (RuntimeException e) {
            nextConnectAttempt = nanoTime.getAsLong() + retryNanos;
            // Said once; the attempts every `retry` while Redis stays away are not worth a line each.
            Level level = toldUnreachable ? Level.DEBUG : Level.WARNING;
            toldUnreachable = true;
            LOG.log(level, "rate limits: Redis does not answer ({0}); limiting per node until it does",
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        RateLimiter s;
        synchronized (this) {
            closed = true;
            s = shared;
        }
        if (s != null) {
            s.close();
        }
        local.close();
    }
}
