package io.keel.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A real second level with faults a test can switch on: {@link #down} fails every command as a dead server would;
 * {@link #holdWrites} parks value writes until {@link #releaseWrites}, as a slow network delays a write-behind.
 */
public class FaultySecondLevel implements SecondLevel {

    private final SecondLevel real;
    private volatile boolean down;
    private final AtomicReference<CompletableFuture<Void>> gate = new AtomicReference<>();

    public FaultySecondLevel(SecondLevel real) {
        this.real = real;
    }

    public void down(boolean value) {
        down = value;
    }

    public void holdWrites() {
        gate.set(new CompletableFuture<>());
    }

    public void releaseWrites() {
        CompletableFuture<Void> g = gate.getAndSet(null);
        if (g != null) {
            g.complete(null);
        }
    }

    private <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> command) {
        return down ? CompletableFuture.failedFuture(new IllegalStateException("L2 is down (test)")) : command.get();
    }

    @Override
    public CompletableFuture<L2Entry> get(String key) {
        return run(() -> real.get(key));
    }

    @Override
    public CompletableFuture<Map<String, L2Entry>> getAll(Collection<String> keys) {
        return run(() -> real.getAll(keys));
    }

    @Override
    public CompletableFuture<Boolean> put(String key, byte[] value, long version, Set<String> tags, Duration ttl,
                                          String origin) {
        CompletableFuture<Void> g = gate.get();
        if (g != null) {
            return g.thenCompose(ignored -> run(() -> real.put(key, value, version, tags, ttl, origin)));
        }
        return run(() -> real.put(key, value, version, tags, ttl, origin));
    }

    @Override
    public CompletableFuture<java.util.List<Boolean>> putAll(java.util.List<Write> writes, String origin) {
        CompletableFuture<Void> g = gate.get();
        if (g != null) {
            return g.thenCompose(ignored -> run(() -> real.putAll(writes, origin)));
        }
        return run(() -> real.putAll(writes, origin));
    }

    @Override
    public CompletableFuture<Boolean> delete(String key, long version, Duration tombstoneTtl) {
        return run(() -> real.delete(key, version, tombstoneTtl));
    }

    @Override
    public CompletableFuture<Long> deleteByTag(String tag, long version, Duration tombstoneTtl) {
        return run(() -> real.deleteByTag(tag, version, tombstoneTtl));
    }

    @Override
    public CompletableFuture<Long> deleteByPattern(String glob, long version, Duration tombstoneTtl) {
        return run(() -> real.deleteByPattern(glob, version, tombstoneTtl));
    }

    @Override
    public CompletableFuture<Void> publish(Invalidation invalidation) {
        return run(() -> real.publish(invalidation));
    }

    @Override
    public AutoCloseable subscribe(InvalidationListener listener) {
        return real.subscribe(listener);
    }

    @Override
    public CompletableFuture<Void> ping() {
        return run(real::ping);
    }

    @Override
    public long estimatedEntries() {
        return real.estimatedEntries();
    }

    @Override
    public void close() {
        real.close();
    }
}
