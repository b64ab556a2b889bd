package io.keel.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A second level that is not reachable yet: a cache can start on it while its store (Redis) is down, and takes it
 * into use once the store answers, instead of staying on L1 alone until a restart.
 *
 * <p>Until connected, every call fails at once and {@link #connected()} is false, so a cache built on it starts
 * with its circuit breaker open: it serves from L1 and its loaders, remembering the writes and invalidations L2
 * missed, and takes L2 into use through the breaker's usual close. Each {@link #ping()} (the breaker's probe)
 * makes one connection attempt through the factory on a virtual thread, never on the caller's. A successful
 * attempt first subscribes every listener registered so far and tells each of them about the gap
 * ({@link InvalidationListener#onLinkGap()}: invalidations published before now never reached them), and only then
 * answers the ping, so no invalidation can slip between the cache dropping L1 and the subscription.
 */
public final class DeferredSecondLevel implements SecondLevel {

    private static final System.Logger LOG = System.getLogger(DeferredSecondLevel.class.getName());

    private final String description;
    private final Supplier<? extends SecondLevel> connector;
    private final Executor attempts;
    private final ReentrantLock lock = new ReentrantLock();
    /** Listeners with their handle on the connected store, if any; guarded by {@link #lock}. */
    private final List<Subscription> subscriptions = new ArrayList<>();
    private volatile SecondLevel target;
    private CompletableFuture<SecondLevel> attempt;
    private boolean closed;

    private DeferredSecondLevel(String description, Supplier<? extends SecondLevel> connector) {
        this.description = Objects.requireNonNull(description, "description");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.attempts = task -> Thread.ofVirtual().name("keel-l2-connect").start(task);
    }

    /**
     * @param description what the store is, for messages (no credentials)
     * @param connector   connects, or throws if the store does not answer; called once per probe until it succeeds
     */
    public static DeferredSecondLevel connectingWith(String description, Supplier<? extends SecondLevel> connector) {
        return new DeferredSecondLevel(description, connector);
    }

    /** Whether a connection attempt has succeeded. */
    @Override
    public boolean connected() {
        return target != null;
    }

    @Override
    public CompletableFuture<L2Entry> get(String key) {
        return call(l2 -> l2.get(key));
    }

    @Override
    public CompletableFuture<Map<String, L2Entry>> getAll(Collection<String> keys) {
        return call(l2 -> l2.getAll(keys));
    }

    @Override
    public CompletableFuture<List<L2Entry>> getEach(List<String> keys) {
        return call(l2 -> l2.getEach(keys));
    }

    @Override
    public CompletableFuture<Boolean> put(String key, byte[] value, long version, Set<String> tags, Duration ttl,
                                          String origin) {
        return call(l2 -> l2.put(key, value, version, tags, ttl, origin));
    }

    @Override
    public CompletableFuture<List<Boolean>> putAll(List<Write> writes, String origin) {
        return call(l2 -> l2.putAll(writes, origin));
    }

    @Override
    public CompletableFuture<Boolean> delete(String key, long version, Duration tombstoneTtl) {
        return call(l2 -> l2.delete(key, version, tombstoneTtl));
    }

    @Override
    public CompletableFuture<Long> deleteByTag(String tag, long version, Duration tombstoneTtl) {
        return call(l2 -> l2.deleteByTag(tag, version, tombstoneTtl));
    }

    @Override
    public CompletableFuture<Long> deleteByPattern(String glob, long version, Duration tombstoneTtl) {
        return call(l2 -> l2.deleteByPattern(glob, version, tombstoneTtl));
    }

    @Override
    public CompletableFuture<Void> publish(Invalidation invalidation) {
        return call(l2 -> l2.publish(invalidation));
    }

    @Override
    public AutoCloseable subscribe(InvalidationListener listener) {
        Objects.requireNonNull(listener, "listener");
        Subscription subscription = new Subscription(listener);
        lock.lock();
        try {
            subscriptions.add(subscription);
            if (target != null) {
                subscription.handle = target.subscribe(listener);
            }
        } finally {
            lock.unlock();
        }
        return () -> unsubscribe(subscription);
    }

    private void unsubscribe(Subscription subscription) throws Exception {
        AutoCloseable handle;
        lock.lock();
        try {
            subscriptions.remove(subscription);
            handle = subscription.handle;
            subscription.handle = null;
        } finally {
            lock.unlock();
        }
        if (handle != null) {
            handle.close();
        }
    }

    /** Answers through the store once connected; until then starts (or joins) one connection attempt. */
    @Override
    public CompletableFuture<Void> ping() {
        SecondLevel l2 = target;
        if (l2 != null) {
            return l2.ping();
        }
        return connect().thenCompose(SecondLevel::ping);
    }

    @Override
    public long estimatedEntries() {
        SecondLevel l2 = target;
        return l2 == null ? -1 : l2.estimatedEntries();
    }

    @Override
    public void close() {
        SecondLevel l2;
        lock.lock();
        try {
            closed = true;
            l2 = target;
        } finally {
            lock.unlock();
        }
        if (l2 != null) {
            l2.close();
        }
    }

    @Override
    public String toString() {
        return "DeferredSecondLevel[" + description + (connected() ? ", connected]" : ", not connected]");
    }

    private <T> CompletableFuture<T> call(Function<SecondLevel, CompletableFuture<T>> command) {
        SecondLevel l2 = target;
        if (l2 == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(description + " is not connected yet"));
        }
        return command.apply(l2);
    }

    private CompletableFuture<SecondLevel> connect() {
        lock.lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException(description + " is closed"));
            }
            if (target != null) {
                return CompletableFuture.completedFuture(target); // connected since the caller looked
            }
            if (attempt == null || attempt.isDone()) {
                attempt = CompletableFuture.supplyAsync(this::attemptConnection, attempts);
            }
            return attempt;
        } finally {
            lock.unlock();
        }
    }

    private SecondLevel attemptConnection() {
        SecondLevel l2 = connector.get();
        List<InvalidationListener> listeners = new ArrayList<>();
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(description + " is closed");
            }
            for (Subscription subscription : subscriptions) {
                subscription.handle = l2.subscribe(subscription.listener);
                listeners.add(subscription.listener);
            }
            target = l2;
        } catch (RuntimeException e) {
            subscriptions.forEach(subscription -> subscription.handle = null);
            l2.close();
            throw e;
        } finally {
            lock.unlock();
        }
        // Invalidations published before the subscription never reached these listeners: the same situation as a
        // pub/sub link that has just come back, so say so before the ping this attempt serves can succeed.
        for (InvalidationListener listener : listeners) {
            try {
                listener.onLinkGap();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "invalidation listener failed on connect", e);
            }
        }
        LOG.log(System.Logger.Level.INFO, "{0} answers; second level connected", description);
        return l2;
    }

    private static final class Subscription {
        final InvalidationListener listener;
        AutoCloseable handle;

        Subscription(InvalidationListener listener) {
            this.listener = listener;
        }
    }
}
