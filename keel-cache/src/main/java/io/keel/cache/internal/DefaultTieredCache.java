package io.keel.cache.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.keel.cache.CacheConfig;
import io.keel.cache.CacheStats;
import io.keel.cache.Codec;
import io.keel.cache.Glob;
import io.keel.cache.Invalidation;
import io.keel.cache.InvalidationListener;
import io.keel.cache.KeyCodec;
import io.keel.cache.L2Entry;
import io.keel.cache.SecondLevel;
import io.keel.cache.Temperature;
import io.keel.cache.Temperatures;
import io.keel.cache.TierStats;
import io.keel.cache.TieredCache;
import io.keel.cache.WarmReport;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The tiered cache. Design note (this class earns its length by keeping every ordering rule in one place):
 *
 * <ul>
 *   <li><b>Hit path</b>: one Caffeine lookup, the hit counted on this thread's {@link HitCounter} stripe (only
 *       with {@code countL1Hits(true)}), then a racy field write on the entry for the decaying read count, skipped once
 *       the count saturates. Refresh-ahead and prefetch add work only when configured.</li>
 *   <li><b>Loads</b> run in a {@link Flight} registered per key in {@code flights}: one load per key per node.
 *       A flight stamps its version before reading L2 or calling the loader, so a value computed from data read
 *       before an invalidation carries a lower version than the invalidation's tombstone and L2 refuses it.</li>
 *   <li><b>Writes and invalidations</b> go in this order: (1) L2 (tombstone or value, versioned), (2) remove and
 *       mark stale this key's flights, (3) change L1. A flight registered after (2) reads L2 after (1), so it sees
 *       the new state; a flight registered before (2) is stale and does not publish to L1. Hence once an
 *       invalidation returns this node never serves the removed value.</li>
 *   <li><b>Write-behind</b> (with L1 on) goes through {@link WriteBehind}: L1 first, then the L2 write waits,
 *       coalesced per key, for a batch. L1 gives this node read-your-writes meanwhile, and versions keep a late batch
 *       from beating a newer value or tombstone. Without L1 writes go to L2 one by one on the single, ordered
 *       connection, so a read after a put sees it.</li>
 *   <li><b>L1 writes</b> keep the higher version ({@code compute}), so concurrent puts converge to the newest.</li>
 *   <li><b>Other nodes</b> learn through pub/sub; when the link may have dropped messages ({@code onLinkGap}) or
 *       L2 comes back after an outage, L1 is dropped wholesale, since any entry could have been invalidated.</li>
 * </ul>
 */
public final class DefaultTieredCache<K, V> implements TieredCache<K, V> {

    private static final System.Logger LOG = System.getLogger(DefaultTieredCache.class.getName());
    private static final int ENTRY_OVERHEAD = 64;
    /** Keys per write-behind batch: one Lua call of this many keys keeps Redis busy ~1 ms, not longer. */
    private static final int WRITE_BATCH = 256;
    private static final int WRITE_BATCHES_IN_FLIGHT = 2;

    private final CacheConfig<K, V> config;
    private final KeyCodec<K> keys;
    private final Codec<V> codec;
    private final Cache<K, L1Entry<V>> l1;
    private final GuardedSecondLevel l2;
    private final Map<K, Flight<V>> flights = new ConcurrentHashMap<>();
    private final VersionClock versions;
    private final LongSupplier ticker;
    private final Executor executor;
    private final boolean expiring;
    private final boolean byteBounded;
    private final int weightFloor;
    private final long ttlNanos;
    private final long negativeTtlNanos;
    private final boolean refreshAhead;
    private final long decayNanos;
    private final long startNanos;
    private final Prefetcher<K> prefetcher;
    private final Set<K> demoted = ConcurrentHashMap.newKeySet();
    private final AutoCloseable subscription;
    private final long readCap;
    private final boolean countL1Hits;
    private final java.util.concurrent.Semaphore writeSlots;
    private final WriteBehind<K> writeBehind;
    private volatile int epoch;

    private final LongAdder l2Hits = new LongAdder();
    private final LongAdder l2Misses = new LongAdder();
    private final LongAdder loads = new LongAdder();
    private final LongAdder loadNanos = new LongAdder();
    private final LongAdder negativeHits = new LongAdder();
    // L1's statistics are kept here, not by Caffeine's recordStats(): a hit then costs no atomic instruction.
    private final HitCounter l1Hits = new HitCounter();
    private final LongAdder l1Misses = new LongAdder();
    private final LongAdder l1Evictions = new LongAdder();
    private final LongAdder l2Demotions = new LongAdder();

    public DefaultTieredCache(CacheConfig<K, V> config) {
        this.config = config;
        this.keys = config.keys();
        this.codec = config.values();
        this.ticker = config.ticker();
        this.executor = config.executor();
        this.versions = new VersionClock(config.clock());
        this.expiring = config.ttl() != null || config.negativeTtl() != null;
        this.ttlNanos = config.ttl() == null ? 0 : config.ttl().toNanos();
        this.negativeTtlNanos = config.negativeTtl() == null ? 0 : config.negativeTtl().toNanos();
        this.refreshAhead = config.refreshAheadFraction() > 0;
        this.decayNanos = config.decayInterval().toNanos();
        this.startNanos = ticker.getAsLong();
        // Four times the hot threshold: a capped hot key stays hot through one halving, even two.
        this.readCap = 4L * config.hotThreshold();
        this.countL1Hits = config.countL1Hits();
        this.writeSlots = new java.util.concurrent.Semaphore(config.writeBehindLimit());
        this.byteBounded = config.l1MaxBytes() > 0;
        this.weightFloor = byteBounded && config.l1MaxEntries() > 0
                ? (int) Math.min(Integer.MAX_VALUE, Math.ceilDiv(config.l1MaxBytes(), config.l1MaxEntries())) : 1;
        this.l1 = config.l1Enabled() ? buildL1() : null;
        this.l2 = config.l2Enabled() ? new GuardedSecondLevel(config.secondLevel(), config.name(),
                config.l2Timeout(), config.tombstoneTtl(), config.maxPendingInvalidations(),
                config.breakerFailureThreshold(), config.breakerOpenDuration(), ticker, executor, versions::next,
                () -> dropL1("L2 came back")) : null;
        this.writeBehind = l2 != null && l1 != null && config.writeBehind()
                ? new WriteBehind<>(config.writeBehindLimit(), WRITE_BATCHES_IN_FLIGHT, WRITE_BATCH,
                        batch -> l2.putAll(batch, config.nodeId()), this::refused) : null;
        this.prefetcher = config.prefetchEnabled() ? buildPrefetcher() : null;
        this.subscription = l2 != null && l1 != null ? l2.raw().subscribe(new Listener()) : null;
    }

    private Cache<K, L1Entry<V>> buildL1() {
        Caffeine<Object, Object> builder = Caffeine.newBuilder().executor(executor)
                .ticker(ticker::getAsLong)
                .evictionListener((k, v, cause) -> l1Evictions.increment());
        if (byteBounded) {
            builder.maximumWeight(config.l1MaxBytes());
        } else {
            builder.maximumSize(config.l1MaxEntries());
        }
        Caffeine<K, L1Entry<V>> typed = byteBounded
                ? builder.weigher((K k, L1Entry<V> e) -> e.weight) : cast(builder);
        if (expiring) {
            typed = typed.expireAfter(new EntryExpiry<>());
        }
        return typed.build();
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Caffeine<K, L1Entry<V>> cast(Caffeine<Object, Object> builder) {
        return (Caffeine<K, L1Entry<V>>) (Caffeine<?, ?>) builder;
    }

    private Prefetcher<K> buildPrefetcher() {
        CoAccessLearner<K> learner = config.learnCoAccess()
                ? new CoAccessLearner<>(config.coAccessWindow().toNanos(), config.coAccessMinCount(), 10_000, 16)
                : null;
        Predicate<K> present = k -> l1 != null && l1.policy().getIfPresentQuietly(k) != null;
        Function<? super K, ? extends V> loader = config.prefetchLoader();
        return new Prefetcher<>(config.relatedKeys(), learner, present, k -> {
            try {
                lookup(k, loader, false).join();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "prefetch of {0} failed: {1}", k, e);
            }
        }, executor, ticker, config.prefetchMaxPerAccess(), config.prefetchMaxInFlight());
    }

    // ---------------------------------------------------------------- reads

    @Override
    public V getIfPresent(K key) {
        if (l1 != null) {
            L1Entry<V> e = l1Lookup(key);
            if (e != null) {
                return hit(key, e, null);
            }
        }
        if (l2 == null) {
            return null;
        }
        return valueOf(key, join(lookup(key, null, false)));
    }

    @Override
    public V get(K key, Function<? super K, ? extends V> loader) {
        if (l1 != null) {
            L1Entry<V> e = l1Lookup(key);
            if (e != null) {
                return hit(key, e, loader);
            }
        }
        return valueOf(key, join(lookup(key, loader, false)));
    }

    @Override
    public CompletableFuture<V> getAsync(K key, Function<? super K, ? extends V> loader) {
        if (l1 != null) {
            L1Entry<V> e = l1Lookup(key);
            if (e != null) {
                return CompletableFuture.completedFuture(hit(key, e, loader));
            }
        }
        return lookup(key, loader, true).thenApply(e -> valueOf(key, e));
    }

    /** An L1 read, counted as a hit or a miss of the tier. */
    private L1Entry<V> l1Lookup(K key) {
        L1Entry<V> e = l1.getIfPresent(key);
        if (e != null) {
            if (countL1Hits) {
                l1Hits.increment();
            }
        } else {
            l1Misses.increment();
        }
        return e;
    }

    private V hit(K key, L1Entry<V> e, Function<? super K, ? extends V> loader) {
        e.touch(epoch, readCap);
        if (refreshAhead && loader != null && ticker.getAsLong() >= e.refreshAt && e.startRefresh()) {
            executor.execute(() -> refresh(key, loader));
        }
        if (prefetcher != null) {
            prefetcher.onRead(key);
        }
        if (e.value == null) {
            negativeHits.increment();
        }
        return e.value;
    }

    private V valueOf(K key, L1Entry<V> e) {
        if (e == null) {
            return null;
        }
        if (prefetcher != null) {
            prefetcher.onRead(key);
        }
        return e.value;
    }

    /** Joins or starts this key's flight: L2, then the loader (if any), then L1. Completes with null on a miss. */
    private CompletableFuture<L1Entry<V>> lookup(K key, Function<? super K, ? extends V> loader, boolean async) {
        Flight<V> flight = new Flight<>();
        Flight<V> running = flights.putIfAbsent(key, flight);
        if (running != null) {
            return running.result;
        }
        if (l1 != null) {
            // A flight may have published and left between our L1 miss and our registration.
            L1Entry<V> e = l1.policy().getIfPresentQuietly(key);
            if (e != null) {
                flights.remove(key, flight);
                flight.result.complete(e);
                return flight.result;
            }
        }
        if (async) {
            executor.execute(() -> fly(key, flight, loader));
        } else {
            fly(key, flight, loader);
        }
        return flight.result;
    }

    private void fly(K key, Flight<V> flight, Function<? super K, ? extends V> loader) {
        try {
            long version = versions.next();
            L1Entry<V> entry = null;
            if (l2 != null) {
                L2Entry found = l2.get(keys.format(key)).join();
                if (found != null) {
                    l2Hits.increment();
                    versions.observe(found.version());
                    demoted.remove(key);
                    entry = entry(codec.decode(found.value()), found.version(), found.tags(), null, 1, null);
                } else {
                    l2Misses.increment();
                }
            }
            if (entry == null && loader != null) {
                entry = load(key, loader, version);
            }
            L1Entry<V> result = entry;
            if (result != null && l1 != null && (result.value != null || negativeTtlNanos > 0)) {
                flight.publish(() -> storeL1(key, result));
            }
            flights.remove(key, flight);
            flight.result.complete(result);
        } catch (Throwable t) {
            flights.remove(key, flight);
            flight.result.completeExceptionally(t);
        }
    }

    private L1Entry<V> load(K key, Function<? super K, ? extends V> loader, long version) {
        long started = ticker.getAsLong();
        V value = loader.apply(key);
        loads.increment();
        loadNanos.add(ticker.getAsLong() - started);
        if (value == null) {
            return entry(null, version, Set.of(), null, 1, null);
        }
        Set<String> tags = Set.copyOf(config.tagger().apply(key, value));
        byte[] encoded = l2 != null ? codec.encode(value) : null;
        L1Entry<V> entry = entry(value, version, tags, null, 1, encoded);
        if (l2 != null) {
            writeL2(key, entry, encoded, null);
        }
        return entry;
    }

    private void refresh(K key, Function<? super K, ? extends V> loader) {
        Flight<V> flight = new Flight<>();
        if (flights.putIfAbsent(key, flight) != null) {
            return;
        }
        try {
            L1Entry<V> entry = load(key, loader, versions.next());
            if (entry.value != null || negativeTtlNanos > 0) {
                flight.publish(() -> storeL1(key, entry));
            }
            flights.remove(key, flight);
            flight.result.complete(entry);
        } catch (Throwable t) {
            // The stale value stays until it expires; the next read after expiry loads in the foreground.
            flights.remove(key, flight);
            flight.result.completeExceptionally(t);
        }
    }

    @Override
    public Map<K, V> getAll(Collection<? extends K> wanted) {
        return join(getAllAsync(wanted));
    }

    @Override
    public CompletableFuture<Map<K, V>> getAllAsync(Collection<? extends K> wanted) {
        // Sized for every key up front: growing them was a tenth of a 100-key read's allocation, values aside.
        Map<K, V> found = LinkedHashMap.newLinkedHashMap(wanted.size());
        List<K> missing = new ArrayList<>(wanted.size());
        for (K key : wanted) {
            L1Entry<V> e = l1 == null ? null : l1Lookup(key);
            if (e != null) {
                V v = hit(key, e, null);
                if (v != null) {
                    found.put(key, v);
                }
            } else {
                missing.add(key);
            }
        }
        if (missing.isEmpty() || l2 == null) {
            return CompletableFuture.completedFuture(found);
        }
        if (l1 == null) {
            return readThrough(missing, found);
        }
        Map<K, Flight<V>> mine = new LinkedHashMap<>();
        Map<K, CompletableFuture<L1Entry<V>>> theirs = new HashMap<>();
        for (K key : missing) {
            Flight<V> flight = new Flight<>();
            Flight<V> running = flights.putIfAbsent(key, flight);
            if (running == null) {
                mine.put(key, flight);
            } else {
                theirs.put(key, running.result);
            }
        }
        List<String> texts = new ArrayList<>(mine.size());
        mine.keySet().forEach(k -> texts.add(keys.format(k)));
        CompletableFuture<List<L2Entry>> bulk = mine.isEmpty()
                ? CompletableFuture.completedFuture(List.of()) : l2.getEach(texts);
        return bulk.thenCompose(rows -> {
            observe(rows);
            int i = 0;
            for (Map.Entry<K, Flight<V>> m : mine.entrySet()) {
                K key = m.getKey();
                Flight<V> flight = m.getValue();
                L2Entry row = rows.get(i++);
                L1Entry<V> entry = null;
                try {
                    if (row != null) {
                        entry = entry(codec.decode(row.value()), row.version(), row.tags(), null, 1, null);
                        L1Entry<V> result = entry;
                        if (l1 != null) {
                            flight.publish(() -> storeL1(key, result));
                        }
                        found.put(key, entry.value);
                    }
                } finally {
                    flights.remove(key, flight);
                    flight.result.complete(entry);
                }
            }
            if (theirs.isEmpty()) {
                return CompletableFuture.completedFuture(found);
            }
            CompletableFuture<?>[] waits = theirs.values().toArray(CompletableFuture[]::new);
            return CompletableFuture.allOf(waits).handle((ok, failure) -> {
                theirs.forEach((key, f) -> {
                    L1Entry<V> e = f.isCompletedExceptionally() ? null : f.join();
                    if (e != null && e.value != null) {
                        found.put(key, e.value);
                    }
                });
                return found;
            });
        });
    }

    /**
     * Bulk read without L1: flights exist to share one load among concurrent readers and to keep a stale load out of
     * L1; with no L1 and no loader there is nothing to publish, so the keys go straight to one L2 read.
     */
    private CompletableFuture<Map<K, V>> readThrough(List<K> missing, Map<K, V> found) {
        List<String> texts = new ArrayList<>(missing.size());
        for (K key : missing) {
            texts.add(keys.format(key));
        }
        return l2.getEach(texts).thenApply(rows -> {
            observe(rows);
            for (int i = 0; i < rows.size(); i++) {
                L2Entry row = rows.get(i);
                if (row != null) {
                    found.put(missing.get(i), codec.decode(row.value()));
                }
            }
            return found;
        });
    }

    /** One clock advance and one hit and miss count per bulk read, not per key. */
    private void observe(List<L2Entry> rows) {
        long newest = 0;
        int hits = 0;
        for (L2Entry row : rows) {
            if (row != null) {
                newest = Math.max(newest, row.version());
                hits++;
            }
        }
        versions.observe(newest);
        l2Hits.add(hits);
        l2Misses.add(rows.size() - hits);
    }

    // ---------------------------------------------------------------- writes

    @Override
    public void put(K key, V value) {
        put(key, value, null, null);
    }

    @Override
    public void put(K key, V value, Duration ttl, Set<String> tags) {
        CompletableFuture<Void> written = write(key, value, ttl, tags);
        if (!config.writeBehind()) {
            join(written);
        }
    }

    @Override
    public CompletableFuture<Void> putAsync(K key, V value, Duration ttl, Set<String> tags) {
        CompletableFuture<Void> written = write(key, value, ttl, tags);
        // Coalesced writes share one future: hand out a copy so no caller can complete it for the others.
        return written.isDone() ? written : written.copy();
    }

    private CompletableFuture<Void> write(K key, V value, Duration ttl, Set<String> tags) {
        if (value == null) {
            throw new IllegalArgumentException("null value for key " + key + "; use invalidate");
        }
        if (ttl != null && (!ttl.isPositive() || l1 != null && !expiring)) {
            throw new IllegalArgumentException("ttl " + ttl + " needs a positive value and a cache built with a ttl");
        }
        long version = versions.next();
        Set<String> entryTags = tags == null ? Set.copyOf(config.tagger().apply(key, value)) : Set.copyOf(tags);
        byte[] encoded = l2 != null ? codec.encode(value) : null;
        L1Entry<V> entry = entry(value, version, entryTags, ttl, 0, encoded);
        if (writeBehind != null) {
            // L1 before the queued L2 write: a refusal coming back must find the entry it is about to remove.
            staleFlight(key);
            demoted.remove(key);
            storeL1(key, entry);
            return writeL2(key, entry, encoded, ttl);
        }
        CompletableFuture<Void> done = l2 != null ? writeL2(key, entry, encoded, ttl)
                : CompletableFuture.completedFuture(null);
        staleFlight(key);
        demoted.remove(key);
        if (l1 != null) {
            storeL1(key, entry);
        }
        return done;
    }

    /**
     * Versioned write to L2 that also tells other nodes to drop older copies; a refused write leaves L1. Queued for
     * a batch under write-behind, else sent alone.
     */
    private CompletableFuture<Void> writeL2(K key, L1Entry<V> entry, byte[] encoded, Duration ttl) {
        String text = keys.format(key);
        Duration l2Ttl = ttl != null ? ttl : config.ttl() != null ? config.ttl() : config.l2Ttl();
        if (writeBehind != null) {
            return writeBehind.submit(key, new SecondLevel.Write(text, encoded, entry.version, entry.tags, l2Ttl),
                    entry);
        }
        writeSlots.acquireUninterruptibly();
        CompletableFuture<Boolean> sent;
        try {
            sent = l2.put(text, encoded, entry.version, entry.tags, l2Ttl, config.nodeId());
        } catch (RuntimeException e) {
            writeSlots.release();
            throw e;
        }
        sent.whenComplete((ok, failure) -> writeSlots.release());
        return sent.thenApply(written -> {
            // A failed write (null) keeps L1: the guarded L2 replays it as a tombstone, and another node's newer
            // write reaches us as an invalidation. Only a refusal proves L2 holds something newer.
            if (Boolean.FALSE.equals(written)) {
                refused(key, entry);
            }
            return null;
        });
    }

    /** L2 holds something newer (a value or a tombstone): our copy must not outlive it in L1 either. */
    private void refused(K key, Object entry) {
        if (l1 != null && ((L1Entry<?>) entry).value != null && l2.available()) {
            l1.asMap().remove(key, entry);
        }
    }

    @Override
    public void flush() {
        if (writeBehind != null) {
            writeBehind.flush(config.l2Timeout().multipliedBy(8));
        }
    }

    private void storeL1(K key, L1Entry<V> entry) {
        l1.asMap().compute(key, (k, old) -> old != null && old.version > entry.version ? old : entry);
    }

    // ---------------------------------------------------------------- invalidation

    @Override
    public long invalidate(K key) {
        long version = versions.next();
        String text = keys.format(key);
        long removed = 0;
        if (l2 != null) {
            removed = join(l2.invalidate(new Invalidation(config.nodeId(), Invalidation.Kind.KEY, text, version)));
        }
        staleFlight(key);
        demoted.remove(key);
        if (l1 != null) {
            L1Entry<V> old = l1.asMap().remove(key);
            if (old != null && old.value != null) {
                removed = 1;
            }
        }
        return removed;
    }

    @Override
    public long invalidateTag(String tag) {
        return invalidateWhere(Invalidation.Kind.TAG, tag, (k, e) -> e.tags.contains(tag));
    }

    @Override
    public long invalidatePattern(String glob) {
        return invalidateWhere(Invalidation.Kind.PATTERN, glob, (k, e) -> Glob.matches(glob, keys.format(k)));
    }

    private long invalidateWhere(Invalidation.Kind kind, String target,
                                 java.util.function.BiPredicate<K, L1Entry<V>> match) {
        if (target == null || target.isEmpty()) {
            throw new IllegalArgumentException(
                    "empty " + kind.name().toLowerCase() + " to invalidate: '" + target + "'");
        }
        long version = versions.next();
        long removedL2 = l2 == null ? 0 : join(l2.invalidate(new Invalidation(config.nodeId(), kind, target, version)));
        staleAllFlights();
        long removedL1 = dropL1Where(match);
        if (kind == Invalidation.Kind.PATTERN) {
            demoted.removeIf(k -> Glob.matches(target, keys.format(k)));
        } else {
            demoted.clear();
        }
        return Math.max(removedL1, removedL2);
    }

    private long dropL1Where(java.util.function.BiPredicate<K, L1Entry<V>> match) {
        if (l1 == null) {
            return 0;
        }
        long[] removed = {0};
        l1.asMap().entrySet().removeIf(e -> {
            if (match.test(e.getKey(), e.getValue())) {
                if (e.getValue().value != null) {
                    removed[0]++;
                }
                return true;
            }
            return false;
        });
        return removed[0];
    }

    private void staleFlight(K key) {
        Flight<V> flight = flights.remove(key);
        if (flight != null) {
            flight.markStale();
        }
    }

    private void staleAllFlights() {
        for (K key : List.copyOf(flights.keySet())) {
            staleFlight(key);
        }
    }

    private void dropL1(String why) {
        staleAllFlights();
        demoted.clear();
        if (l1 != null) {
            l1.invalidateAll();
        }
        LOG.log(System.Logger.Level.INFO, "cache ''{0}'': L1 dropped ({1})", config.name(), why);
    }

    /** Applies another node's invalidation to this node's L1. */
    private final class Listener implements InvalidationListener {
        @Override
        public void onInvalidation(Invalidation inv) {
            if (inv.origin().equals(config.nodeId())) {
                return;
            }
            versions.observe(inv.version());
            switch (inv.kind()) {
                case KEY -> {
                    K key = keys.parse(inv.target());
                    staleFlight(key);
                    demoted.remove(key);
                    l1.asMap().computeIfPresent(key, (k, e) -> e.version < inv.version() ? null : e);
                }
                case KEYS -> {
                    for (String text : inv.keys()) {
                        K key = keys.parse(text);
                        staleFlight(key);
                        demoted.remove(key);
                        l1.asMap().computeIfPresent(key, (k, e) -> e.version < inv.version() ? null : e);
                    }
                }
                case TAG -> {
                    staleAllFlights();
                    dropL1Where((k, e) -> e.tags.contains(inv.target()) && e.version < inv.version());
                }
                case PATTERN -> {
                    staleAllFlights();
                    dropL1Where((k, e) -> e.version < inv.version() && Glob.matches(inv.target(), keys.format(k)));
                }
                case ALL -> dropL1("invalidate all from node " + inv.origin());
            }
        }

        @Override
        public void onLinkGap() {
            dropL1("invalidation link gap");
        }
    }

    // ---------------------------------------------------------------- warming, maintenance, temperatures

    @Override
    public WarmReport warm() {
        long warmed = 0;
        Map<String, String> failures = new LinkedHashMap<>();
        List<String> timedOut = new ArrayList<>();
        for (Map.Entry<String, io.keel.cache.Warmer<K, V>> w : config.warmers().entrySet()) {
            WarmRun<K, V> run = new WarmRun<>(this, w.getValue(), ticker, config.warmBudget().toNanos());
            WarmRun.Outcome outcome = run.run(executor);
            warmed += outcome.stored();
            if (outcome.failure() != null) {
                failures.put(w.getKey(), outcome.failure());
            }
            if (outcome.timedOut()) {
                timedOut.add(w.getKey());
            }
        }
        return new WarmReport(warmed, failures, timedOut);
    }

    @Override
    public void maintain() {
        epoch = (int) Math.min(Integer.MAX_VALUE >> 8, (ticker.getAsLong() - startNanos) / decayNanos);
        if (l2 != null) {
            l2.maintain();
        }
        if (l1 != null) {
            l1.cleanUp();
            if (config.demoteCold() && l2 != null && l2.available()) {
                int now = epoch;
                l1.asMap().forEach((k, e) -> {
                    if (e.value != null && e.readsAt(now) == 0 && l1.asMap().remove(k, e)) {
                        demoted.add(k);
                        l2Demotions.increment();
                    }
                });
            }
        }
    }

    @Override
    public Temperature temperatureOf(K key) {
        L1Entry<V> e = l1 == null ? null : l1.policy().getIfPresentQuietly(key);
        if (e == null) {
            return demoted.contains(key) ? Temperature.COLD : null;
        }
        return classify(e.readsAt(epoch));
    }

    private Temperature classify(long reads) {
        return reads >= config.hotThreshold() ? Temperature.HOT : reads >= 1 ? Temperature.WARM : Temperature.COLD;
    }

    Temperatures temperatures() {
        long hot = 0;
        long warm = 0;
        long cold = demoted.size();
        if (l1 != null) {
            int now = epoch;
            for (L1Entry<V> e : l1.asMap().values()) {
                switch (classify(e.readsAt(now))) {
                    case HOT -> hot++;
                    case WARM -> warm++;
                    case COLD -> cold++;
                }
            }
        }
        return new Temperatures(hot, warm, cold);
    }

    // ---------------------------------------------------------------- stats, sizing, lifecycle

    @Override
    public CacheStats stats() {
        TierStats first = TierStats.DISABLED;
        if (l1 != null) {
            long bytes = byteBounded ? l1.policy().eviction().flatMap(p -> {
                var w = p.weightedSize();
                return w.isPresent() ? java.util.Optional.of(w.getAsLong()) : java.util.Optional.<Long>empty();
            }).orElse(0L) : weighedBytes();
            first = new TierStats(countL1Hits ? l1Hits.sum() : -1, l1Misses.sum(), loads.sum(), loadNanos.sum(),
                    l1Evictions.sum(), l1.estimatedSize(), bytes);
        }
        TierStats second = TierStats.DISABLED;
        if (l2 != null) {
            second = new TierStats(l2Hits.sum(), l2Misses.sum(), l1 == null ? loads.sum() : 0,
                    l1 == null ? loadNanos.sum() : 0, l2Demotions.sum(), l2.raw().estimatedEntries(), -1);
        }
        return new CacheStats(first, second, temperatures(), l2 == null || l2.available(),
                l2 == null ? 0 : l2.switches.sum(), l2 == null ? 0 : l2.errors.sum(),
                prefetcher == null ? 0 : prefetcher.started.sum(), negativeHits.sum());
    }

    private long weighedBytes() {
        long total = 0;
        for (L1Entry<V> e : l1.asMap().values()) {
            total += e.weight;
        }
        return total;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        CacheMeters.bind(registry, config.name(), this::stats, ticker, countL1Hits);
    }

    @Override
    public void resizeL1(long maximum) {
        if (maximum < 1) {
            throw new IllegalArgumentException("L1 maximum must be >= 1: " + maximum);
        }
        if (l1 == null) {
            throw new IllegalStateException("L1 is disabled; nothing to resize to " + maximum);
        }
        l1.policy().eviction().orElseThrow().setMaximum(maximum);
    }

    @Override
    public void close() {
        // Writes still waiting go out first: a close never silently drops one.
        flush();
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "closing the invalidation subscription failed", e);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /**
     * A new L1 entry. Weight is the value's encoded size (or the codec's estimate) when L1 is byte-bounded, never
     * below the per-entry floor that also keeps the entry count under its bound.
     */
    private L1Entry<V> entry(V value, long version, Set<String> tags, Duration ttl, long reads, byte[] encoded) {
        long now = expiring || refreshAhead ? ticker.getAsLong() : 0;
        long life = value == null ? negativeTtlNanos : ttl != null ? ttl.toNanos() : ttlNanos;
        long expiresAt = L1Entry.NO_DEADLINE;
        long refreshAt = L1Entry.NO_DEADLINE;
        if (expiring && life > 0) {
            double jitter = config.ttlJitter();
            long jittered = jitter > 0 ? (long) (life * (1 - jitter * ThreadLocalRandom.current().nextDouble())) : life;
            expiresAt = now + Math.max(1, jittered);
            if (refreshAhead && value != null) {
                refreshAt = now + (long) (jittered * config.refreshAheadFraction());
            }
        }
        int weight = 1;
        if (byteBounded) {
            int size = value == null ? 0 : encoded != null ? encoded.length : codec.sizeOf(value);
            weight = Math.max(weightFloor, size + ENTRY_OVERHEAD);
        }
        return new L1Entry<>(value, version, tags, expiresAt, refreshAt, weight, epoch, reads);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Expiry from each entry's own deadline; reads do not extend it. */
    private static final class EntryExpiry<K, V> implements Expiry<K, L1Entry<V>> {
        @Override
        public long expireAfterCreate(K key, L1Entry<V> e, long now) {
            return e.expiresAt == L1Entry.NO_DEADLINE ? Long.MAX_VALUE : Math.max(0, e.expiresAt - now);
        }

        @Override
        public long expireAfterUpdate(K key, L1Entry<V> e, long now, long current) {
            return expireAfterCreate(key, e, now);
        }

        @Override
        public long expireAfterRead(K key, L1Entry<V> e, long now, long current) {
            return current;
        }
    }

    /** For {@link WarmRun}: a warm-up store is a plain put. */
    void warmPut(K key, V value) {
        put(key, value);
    }
}
