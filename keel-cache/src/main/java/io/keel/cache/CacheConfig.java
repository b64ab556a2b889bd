package io.keel.cache;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Immutable settings of a {@link TieredCache}; build one with {@link #builder(Codec)} or
 * {@link #builder(KeyCodec, Codec)}. Defaults give an L1-only cache of 10,000 entries without expiry.
 *
 * <p>Bad values throw {@link IllegalArgumentException} quoting the value; settings that need another setting throw
 * {@link IllegalStateException} at {@link Builder#build()}.
 */
public final class CacheConfig<K, V> {

    private final Builder<K, V> b;

    private CacheConfig(Builder<K, V> builder) {
        this.b = builder.copy();
    }

    public static <V> Builder<String, V> builder(Codec<V> values) {
        return new Builder<>(KeyCodec.strings(), values);
    }

    public static <K, V> Builder<K, V> builder(KeyCodec<K> keys, Codec<V> values) {
        return new Builder<>(keys, values);
    }

    public String name() { return b.name; }
    public String nodeId() { return b.nodeId; }
    public KeyCodec<K> keys() { return b.keys; }
    public Codec<V> values() { return b.values; }
    public boolean l1Enabled() { return b.l1Enabled; }
    /** 0 = not bounded by entries. */
    public long l1MaxEntries() { return b.l1MaxEntries; }
    /** 0 = not bounded by bytes. */
    public long l1MaxBytes() { return b.l1MaxBytes; }
    /** Time to live of an entry; {@code null} = no expiry. */
    public Duration ttl() { return b.ttl; }
    /**
     * Each entry's TTL is shortened by a random fraction up to this, so entries written together do not expire
     * together.
     */
    public double ttlJitter() { return b.ttlJitter; }
    /** How long a {@code null} from a loader is remembered; {@code null} = not at all. */
    public Duration negativeTtl() { return b.negativeTtl; }
    /** Fraction of the TTL after which a read-through hit reloads in the background; 0 = off. */
    public double refreshAheadFraction() { return b.refreshAhead; }
    public SecondLevel secondLevel() { return b.secondLevel; }
    public boolean l2Enabled() { return b.secondLevel != null; }
    public Duration l2Ttl() { return b.l2Ttl; }
    public Duration tombstoneTtl() { return b.tombstoneTtl; }
    public Duration l2Timeout() { return b.l2Timeout; }
    public int breakerFailureThreshold() { return b.breakerFailures; }
    public Duration breakerOpenDuration() { return b.breakerOpen; }
    /** True: {@code put} returns once L1 holds the value and L2 is written in the background. */
    public boolean writeBehind() { return b.writeBehind; }
    /**
     * Keys whose L2 write may wait at once: with write-behind (and L1 on) writes wait coalesced per key and go in
     * batches; a put of a new key beyond this many flushes or waits (back-pressure instead of an unbounded backlog).
     * Without write-behind (or without L1) it bounds the single L2 writes in flight.
     */
    public int writeBehindLimit() { return b.writeBehindLimit; }
    /** Invalidations remembered while L2 is down, replayed when it returns. */
    public int maxPendingInvalidations() { return b.maxPending; }
    /** True: L1 hits are counted (off by default; see {@link Builder#countL1Hits(boolean)}). */
    public boolean countL1Hits() { return b.countL1Hits; }
    public int hotThreshold() { return b.hotThreshold; }
    public Duration decayInterval() { return b.decayInterval; }
    /** Move L1 entries that went cold down to L2 only, at {@link TieredCache#maintain()}. */
    public boolean demoteCold() { return b.demoteCold; }
    public Function<? super K, ? extends Collection<K>> relatedKeys() { return b.related; }
    public Function<? super K, ? extends V> prefetchLoader() { return b.prefetchLoader; }
    public boolean learnCoAccess() { return b.learnCoAccess; }
    public Duration coAccessWindow() { return b.coAccessWindow; }
    public int coAccessMinCount() { return b.coAccessMinCount; }
    public int prefetchMaxInFlight() { return b.prefetchMaxInFlight; }
    public int prefetchMaxPerAccess() { return b.prefetchMaxPerAccess; }
    public boolean prefetchEnabled() { return b.prefetchLoader != null; }
    public Map<String, Warmer<K, V>> warmers() { return Map.copyOf(b.warmers); }
    public Duration warmBudget() { return b.warmBudget; }
    public BiFunction<? super K, ? super V, ? extends Set<String>> tagger() { return b.tagger; }
    public Executor executor() { return b.executor; }
    public LongSupplier ticker() { return b.ticker; }
    public InstantSource clock() { return b.clock; }

    /** Mutable until {@link #build()}; each build copies it. */
    public static final class Builder<K, V> {
        private String name = "keel";
        private String nodeId = UUID.randomUUID().toString().substring(0, 8);
        private final KeyCodec<K> keys;
        private final Codec<V> values;
        private boolean l1Enabled = true;
        private long l1MaxEntries = 10_000;
        private long l1MaxBytes;
        private Duration ttl;
        private double ttlJitter;
        private Duration negativeTtl;
        private double refreshAhead;
        private SecondLevel secondLevel;
        private Duration l2Ttl = Duration.ofHours(1);
        private Duration tombstoneTtl = Duration.ofMinutes(5);
        private Duration l2Timeout = Duration.ofMillis(250);
        private int breakerFailures = 3;
        private Duration breakerOpen = Duration.ofSeconds(2);
        private boolean writeBehind = true;
        private int writeBehindLimit = 16_384;
        private int maxPending = 10_000;
        private boolean countL1Hits;
        private int hotThreshold = 8;
        private Duration decayInterval = Duration.ofMinutes(1);
        private boolean demoteCold;
        private Function<? super K, ? extends Collection<K>> related;
        private Function<? super K, ? extends V> prefetchLoader;
        private boolean learnCoAccess;
        private Duration coAccessWindow = Duration.ofMillis(100);
        private int coAccessMinCount = 3;
        private int prefetchMaxInFlight = 16;
        private int prefetchMaxPerAccess = 8;
        private Map<String, Warmer<K, V>> warmers = new LinkedHashMap<>();
        private Duration warmBudget = Duration.ofSeconds(30);
        private BiFunction<? super K, ? super V, ? extends Set<String>> tagger = (k, v) -> Set.of();
        private Executor executor = ForkJoinPool.commonPool();
        private LongSupplier ticker = System::nanoTime;
        private InstantSource clock = InstantSource.system();

        private Builder(KeyCodec<K> keys, Codec<V> values) {
            this.keys = Objects.requireNonNull(keys, "keys");
            this.values = Objects.requireNonNull(values, "values");
        }

        private Builder<K, V> copy() {
            Builder<K, V> c = new Builder<>(keys, values);
            c.name = name; c.nodeId = nodeId; c.l1Enabled = l1Enabled; c.l1MaxEntries = l1MaxEntries;
            c.l1MaxBytes = l1MaxBytes; c.ttl = ttl; c.ttlJitter = ttlJitter; c.negativeTtl = negativeTtl;
            c.refreshAhead = refreshAhead; c.secondLevel = secondLevel; c.l2Ttl = l2Ttl; c.tombstoneTtl = tombstoneTtl;
            c.l2Timeout = l2Timeout; c.breakerFailures = breakerFailures; c.breakerOpen = breakerOpen;
            c.writeBehind = writeBehind; c.writeBehindLimit = writeBehindLimit; c.maxPending = maxPending;
            c.countL1Hits = countL1Hits; c.hotThreshold = hotThreshold;
            c.decayInterval = decayInterval; c.demoteCold = demoteCold; c.related = related;
            c.prefetchLoader = prefetchLoader; c.learnCoAccess = learnCoAccess; c.coAccessWindow = coAccessWindow;
            c.coAccessMinCount = coAccessMinCount; c.prefetchMaxInFlight = prefetchMaxInFlight;
            c.prefetchMaxPerAccess = prefetchMaxPerAccess; c.warmers = new LinkedHashMap<>(warmers);
            c.warmBudget = warmBudget; c.tagger = tagger; c.executor = executor; c.ticker = ticker; c.clock = clock;
            return c;
        }

        /** Names the cache in metrics ({@code cache} tag). */
        public Builder<K, V> name(String value) {
            require(value != null && !value.isBlank(), "name", value);
            name = value;
            return this;
        }

        /** Identifies this node in invalidation messages; must differ between nodes sharing an L2. */
        public Builder<K, V> nodeId(String value) {
            require(value != null && !value.isBlank() && value.indexOf('|') < 0, "nodeId", value);
            nodeId = value;
            return this;
        }

        /** Switches the first level off: every read goes to L2 (then L2 is required). */
        public Builder<K, V> l1Disabled() {
            l1Enabled = false;
            return this;
        }

        /** Bounds L1 by entry count; 0 removes the bound (then a byte bound is required). */
        public Builder<K, V> l1MaxEntries(long value) {
            require(value >= 0, "l1MaxEntries", value);
            l1MaxEntries = value;
            return this;
        }

        /** Bounds L1 by the values' estimated bytes ({@link Codec#sizeOf}); 0 removes the bound. */
        public Builder<K, V> l1MaxBytes(long value) {
            require(value >= 0, "l1MaxBytes", value);
            l1MaxBytes = value;
            return this;
        }

        public Builder<K, V> ttl(Duration value) {
            require(value == null || value.isPositive(), "ttl", value);
            ttl = value;
            return this;
        }

        public Builder<K, V> ttlJitter(double fraction) {
            require(fraction >= 0 && fraction < 1, "ttlJitter", fraction);
            ttlJitter = fraction;
            return this;
        }

        public Builder<K, V> negativeTtl(Duration value) {
            require(value == null || value.isPositive(), "negativeTtl", value);
            negativeTtl = value;
            return this;
        }

        public Builder<K, V> refreshAhead(double fractionOfTtl) {
            require(fractionOfTtl >= 0 && fractionOfTtl < 1, "refreshAhead", fractionOfTtl);
            refreshAhead = fractionOfTtl;
            return this;
        }

        public Builder<K, V> secondLevel(SecondLevel value) {
            secondLevel = value;
            return this;
        }

        /** TTL of L2 values written without an explicit TTL and with no cache TTL. */
        public Builder<K, V> l2Ttl(Duration value) {
            require(value != null && value.isPositive(), "l2Ttl", value);
            l2Ttl = value;
            return this;
        }

        /** How long an invalidation tombstone blocks older writes; longer than any load or write-behind delay. */
        public Builder<K, V> tombstoneTtl(Duration value) {
            require(value != null && value.toMillis() >= 1, "tombstoneTtl", value);
            tombstoneTtl = value;
            return this;
        }

        public Builder<K, V> l2Timeout(Duration value) {
            require(value != null && value.isPositive(), "l2Timeout", value);
            l2Timeout = value;
            return this;
        }

        public Builder<K, V> breaker(int failureThreshold, Duration openDuration) {
            require(failureThreshold >= 1, "breaker failureThreshold", failureThreshold);
            require(openDuration != null && openDuration.isPositive(), "breaker openDuration", openDuration);
            breakerFailures = failureThreshold;
            breakerOpen = openDuration;
            return this;
        }

        public Builder<K, V> writeBehind(boolean value) {
            writeBehind = value;
            return this;
        }

        public Builder<K, V> writeBehindLimit(int value) {
            require(value >= 1, "writeBehindLimit", value);
            writeBehindLimit = value;
            return this;
        }

        public Builder<K, V> maxPendingInvalidations(int value) {
            require(value >= 0, "maxPendingInvalidations", value);
            maxPending = value;
            return this;
        }

        /**
         * Whether L1 hits are counted; off by default, as in Caffeine, whose {@code recordStats()} is opt-in too.
         * Counting is the largest part of what an L1 hit costs beyond Caffeine's own lookup, about a tenth of the
         * hit throughput on a 2-core machine (docs/benchmarks/cache.md). Left off, the L1 tier reports {@code hits}
         * as -1 and a {@code hitRate} of NaN and registers no L1 hit meter; misses, loads, L2, temperatures and
         * every other figure are counted either way. Turn it on for a cache whose hit rate someone reads (the
         * server's result cache does, for its dashboard panel and {@code keel.cache.hits}).
         */
        public Builder<K, V> countL1Hits(boolean value) {
            countL1Hits = value;
            return this;
        }

        /** Reads per decay interval that make a key hot, and the interval that halves every key's count. */
        public Builder<K, V> temperature(int hotReads, Duration decay) {
            require(hotReads >= 2, "hotReads", hotReads);
            require(decay != null && decay.isPositive(), "decay", decay);
            hotThreshold = hotReads;
            decayInterval = decay;
            return this;
        }

        public Builder<K, V> demoteCold(boolean value) {
            demoteCold = value;
            return this;
        }

        /**
         * Turns prefetch on: after a read of a key, its related keys missing from L1 are loaded in the background
         * with {@code loader}, at most {@code maxPerAccess} per read and {@code maxInFlight} at once.
         */
        public Builder<K, V> prefetch(Function<? super K, ? extends V> loader, int maxPerAccess, int maxInFlight) {
            require(loader != null, "prefetch loader", null);
            require(maxPerAccess >= 1, "prefetch maxPerAccess", maxPerAccess);
            require(maxInFlight >= 1, "prefetch maxInFlight", maxInFlight);
            prefetchLoader = loader;
            prefetchMaxPerAccess = maxPerAccess;
            prefetchMaxInFlight = maxInFlight;
            return this;
        }

        /** Declared relations, e.g. {@code user:1 → [user:1:settings]}. */
        public Builder<K, V> relatedKeys(Function<? super K, ? extends Collection<K>> value) {
            related = value;
            return this;
        }

        /** Learns relations: B read within {@code window} after A, {@code minCount} times, makes B related to A. */
        public Builder<K, V> learnCoAccess(Duration window, int minCount) {
            require(window != null && window.isPositive(), "coAccess window", window);
            require(minCount >= 1, "coAccess minCount", minCount);
            learnCoAccess = true;
            coAccessWindow = window;
            coAccessMinCount = minCount;
            return this;
        }

        public Builder<K, V> warmer(String warmerName, Warmer<K, V> warmer) {
            require(warmerName != null && !warmerName.isBlank(), "warmer name", warmerName);
            require(warmer != null, "warmer", null);
            warmers.put(warmerName, warmer);
            return this;
        }

        /** The time each warmer may take in one {@link TieredCache#warm()}. */
        public Builder<K, V> warmBudget(Duration value) {
            require(value != null && value.isPositive(), "warmBudget", value);
            warmBudget = value;
            return this;
        }

        /** Tags given to loaded entries (an explicit put names its own). */
        public Builder<K, V> tagger(BiFunction<? super K, ? super V, ? extends Set<String>> value) {
            require(value != null, "tagger", null);
            tagger = value;
            return this;
        }

        /** Runs background work: write-behind callbacks, refresh-ahead, prefetch, warming, L1 maintenance. */
        public Builder<K, V> executor(Executor value) {
            require(value != null, "executor", null);
            executor = value;
            return this;
        }

        /** Monotonic nanoseconds for TTL, decay and the breaker, and wall time for L2 versions. */
        public Builder<K, V> time(LongSupplier nanoTicker, InstantSource wallClock) {
            require(nanoTicker != null && wallClock != null, "time", null);
            ticker = nanoTicker;
            clock = wallClock;
            return this;
        }

        public CacheConfig<K, V> build() {
            if (!l1Enabled && secondLevel == null) {
                throw new IllegalStateException("both tiers are off: enable L1 or give a secondLevel");
            }
            if (l1Enabled && l1MaxEntries == 0 && l1MaxBytes == 0) {
                throw new IllegalStateException("L1 needs a bound: l1MaxEntries or l1MaxBytes");
            }
            if (refreshAhead > 0 && ttl == null) {
                throw new IllegalStateException("refreshAhead " + refreshAhead + " needs a ttl");
            }
            if (learnCoAccess && prefetchLoader == null) {
                throw new IllegalStateException("learnCoAccess needs prefetch(loader, ...)");
            }
            if (related != null && prefetchLoader == null) {
                throw new IllegalStateException("relatedKeys needs prefetch(loader, ...)");
            }
            if (demoteCold && secondLevel == null) {
                throw new IllegalStateException("demoteCold needs a secondLevel to demote to");
            }
            return new CacheConfig<>(this);
        }

        private static void require(boolean ok, String what, Object value) {
            if (!ok) {
                throw new IllegalArgumentException("invalid " + what + ": " + value);
            }
        }
    }
}
