package io.keel.bench.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.keel.cache.Invalidation;
import io.keel.cache.InvalidationListener;
import io.keel.cache.L2Entry;
import io.keel.cache.SecondLevel;

/** A second level that forwards every call, for benchmarks that count some of them. */
class DelegatingSecondLevel implements SecondLevel {

    private final SecondLevel real;

    DelegatingSecondLevel(SecondLevel real) {
        this.real = real;
    }

    @Override
    public CompletableFuture<L2Entry> get(String key) {
        return real.get(key);
    }

    @Override
    public CompletableFuture<Map<String, L2Entry>> getAll(Collection<String> keys) {
        return real.getAll(keys);
    }

    @Override
    public CompletableFuture<List<L2Entry>> getEach(List<String> keys) {
        return real.getEach(keys);
    }

    @Override
    public CompletableFuture<Boolean> put(String key, byte[] value, long version, Set<String> tags, Duration ttl,
                                          String origin) {
        return real.put(key, value, version, tags, ttl, origin);
    }

    @Override
    public CompletableFuture<List<Boolean>> putAll(List<Write> writes, String origin) {
        return real.putAll(writes, origin);
    }

    @Override
    public CompletableFuture<Boolean> delete(String key, long version, Duration tombstoneTtl) {
        return real.delete(key, version, tombstoneTtl);
    }

    @Override
    public CompletableFuture<Long> deleteByTag(String tag, long version, Duration tombstoneTtl) {
        return real.deleteByTag(tag, version, tombstoneTtl);
    }

    @Override
    public CompletableFuture<Long> deleteByPattern(String glob, long version, Duration tombstoneTtl) {
        return real.deleteByPattern(glob, version, tombstoneTtl);
    }

    @Override
    public CompletableFuture<Void> publish(Invalidation invalidation) {
        return real.publish(invalidation);
    }

    @Override
    public AutoCloseable subscribe(InvalidationListener listener) {
        return real.subscribe(listener);
    }

    @Override
    public CompletableFuture<Void> ping() {
        return real.ping();
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
