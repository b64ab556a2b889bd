package io.keel.cache.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import io.keel.cache.Invalidation;
import io.keel.cache.InvalidationListener;
import io.keel.cache.L2Entry;
import io.keel.cache.SecondLevel;
import io.keel.cache.jdbc.internal.Announcements;
import io.keel.cache.jdbc.internal.Dialect;
import io.keel.cache.jdbc.internal.EntryStore;
import io.keel.cache.jdbc.internal.KeyPattern;
import io.keel.cache.jdbc.internal.Listeners;
import io.keel.cache.jdbc.internal.LocalBus;
import io.keel.cache.jdbc.internal.Names;
import io.keel.cache.jdbc.internal.PgListener;
import io.keel.cache.jdbc.internal.Transactor;

/**
 * A second level in a relational database, PostgreSQL or H2, for deployments that have a database but no Redis.
 *
 * <p>Every method runs its SQL on the level's executor (virtual threads by default) on a connection from the
 * {@link DataSource} (bring a pool in production) — a write in one transaction, a read in autocommit mode — and
 * reports failures through its future.
 * Versioned writes lock the key's row, so racing writers leave the highest version (see {@code EntryStore}).
 * Invalidations travel as PostgreSQL {@code NOTIFY}s sent inside the writing transaction, delivered on commit, and
 * heard by one {@code LISTEN} connection per subscribed level, which reconnects on its own and then reports a gap.
 * On H2 they are delivered within this JVM only. Expired rows and tombstones are read as absent and deleted by a
 * background purge every {@link Options#purgeInterval()}.
 */
public final class JdbcSecondLevel implements SecondLevel {

    private static final System.Logger LOG = System.getLogger(JdbcSecondLevel.class.getName());

    /**
     * Settings beyond the data source and namespace.
     *
     * @param tablePrefix    prefix of the two tables ({@code <prefix>entries}, {@code <prefix>tags})
     * @param executor       runs the SQL; {@code null} for virtual threads owned (and stopped) by the level
     * @param clock          decides expiry; every node sharing the tables should agree on the time
     * @param purgeInterval  how often expired rows are deleted; {@link Duration#ZERO} for never
     * @param listenPoll     how long the listening thread waits for notifications before checking for close
     * @param maxConnections SQL units running at once, so they never take more connections than this
     */
    public record Options(String tablePrefix, Executor executor, InstantSource clock, Duration purgeInterval,
                          Duration listenPoll, int maxConnections) {

        public Options {
            Names.requireTablePrefix(tablePrefix);
            if (clock == null) {
                throw new IllegalArgumentException("clock is required");
            }
            if (purgeInterval == null || purgeInterval.isNegative()) {
                throw new IllegalArgumentException("purgeInterval must be zero or positive: " + purgeInterval);
            }
            if (listenPoll == null || !listenPoll.isPositive()) {
                throw new IllegalArgumentException("listenPoll must be positive: " + listenPoll);
            }
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
            }
        }

        /** Tables {@code keel_cache_*}, virtual threads, the system clock, a purge a minute, 10 connections. */
        public static Options defaults() {
            return new Options("keel_cache_", null, InstantSource.system(), Duration.ofMinutes(1),
                    Duration.ofMillis(500), 10);
        }

        public Options withTablePrefix(String prefix) {
            return new Options(prefix, executor, clock, purgeInterval, listenPoll, maxConnections);
        }

        public Options withExecutor(Executor exec) {
            return new Options(tablePrefix, exec, clock, purgeInterval, listenPoll, maxConnections);
        }

        public Options withClock(InstantSource source) {
            return new Options(tablePrefix, executor, source, purgeInterval, listenPoll, maxConnections);
        }

        public Options withPurgeInterval(Duration interval) {
            return new Options(tablePrefix, executor, clock, interval, listenPoll, maxConnections);
        }

        public Options withListenPoll(Duration poll) {
            return new Options(tablePrefix, executor, clock, purgeInterval, poll, maxConnections);
        }

        public Options withMaxConnections(int max) {
            return new Options(tablePrefix, executor, clock, purgeInterval, listenPoll, max);
        }
    }

    private final DataSource dataSource;
    private final String namespace;
    private final Options options;
    private final Dialect dialect;
    private final String channel;
    private final String busAddress;
    private final EntryStore store;
    private final Transactor transactor;
    private final Executor executor;
    private final ExecutorService ownExecutor;
    private final ScheduledExecutorService purger;
    private final Listeners listeners = new Listeners();
    private final ReentrantLock subscribeLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean subscribed;
    private PgListener pgListener;

    private JdbcSecondLevel(DataSource dataSource, String namespace, Options options, Dialect dialect, String url) {
        this.dataSource = dataSource;
        this.namespace = namespace;
        this.options = options;
        this.dialect = dialect;
        this.channel = Names.channel(options.tablePrefix(), namespace);
        this.busAddress = url + '|' + options.tablePrefix() + '|' + namespace;
        this.store = new EntryStore(dialect, options.tablePrefix(), namespace);
        this.transactor = new Transactor(dataSource, dialect, channel, busAddress, options.maxConnections());
        this.ownExecutor = options.executor() == null ? Executors.newVirtualThreadPerTaskExecutor() : null;
        this.executor = options.executor() == null ? ownExecutor : options.executor();
        if (options.purgeInterval().isPositive()) {
            purger = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("keel-cache-jdbc-purge-" + namespace).factory());
            long every = options.purgeInterval().toMillis();
            purger.scheduleWithFixedDelay(this::purgeQuietly, every, every, TimeUnit.MILLISECONDS);
        } else {
            purger = null;
        }
    }

    /** {@link #create(DataSource, String, Options)} with {@link Options#defaults()}. */
    public static JdbcSecondLevel create(DataSource dataSource, String namespace) {
        return create(dataSource, namespace, Options.defaults());
    }

    /**
     * Opens the namespace on the database behind {@code dataSource}, creating the tables if absent. Throws
     * {@link IllegalArgumentException} for a bad namespace or a database other than PostgreSQL or H2, and
     * {@link IllegalStateException} if the database cannot be reached now.
     */
    public static JdbcSecondLevel create(DataSource dataSource, String namespace, Options options) {
        if (dataSource == null) {
            throw new IllegalArgumentException("dataSource is required");
        }
        Names.requireNamespace(namespace);
        if (options == null) {
            throw new IllegalArgumentException("options are required");
        }
        try (Connection c = dataSource.getConnection()) {
            Dialect dialect = Dialect.of(c.getMetaData().getDatabaseProductName());
            String url = c.getMetaData().getURL();
            createSchema(c, new EntryStore(dialect, options.tablePrefix(), namespace));
            return new JdbcSecondLevel(dataSource, namespace, options, dialect, url);
        } catch (SQLException e) {
            throw new IllegalStateException("cache namespace '" + namespace + "': cannot open the database tables '"
                    + options.tablePrefix() + "*': " + e.getMessage(), e);
        }
    }

    private static void createSchema(Connection c, EntryStore store) throws SQLException {
        c.setAutoCommit(true);
        try {
            store.createSchema(c);
        } catch (SQLException e) {
            // Two nodes creating the tables at once: PostgreSQL may refuse the loser's IF NOT EXISTS; they exist now.
            store.createSchema(c);
        }
    }

    public String namespace() {
        return namespace;
    }

    public Options options() {
        return options;
    }

    @Override
    public CompletableFuture<L2Entry> get(String key) {
        return getAll(List.of(key)).thenApply(found -> found.get(key));
    }

    @Override
    public CompletableFuture<Map<String, L2Entry>> getAll(Collection<String> keys) {
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        List<String> asked = List.copyOf(keys);
        return supply(() -> transactor.read(c -> store.read(c, asked, now())));
    }

    @Override
    public CompletableFuture<Boolean> put(String key, byte[] value, long version, Set<String> tags, Duration ttl,
                                          String origin) {
        if (key == null || value == null || tags == null || ttl == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "key, value, tags and ttl are required: " + key + ", " + tags + ", " + ttl));
        }
        return async((c, announce) -> {
            long now = now();
            boolean landed = store.write(c, key, value, version, tags, expiry(now, ttl), now).landed();
            if (landed && origin != null) {
                announce.add(new Invalidation(origin, Invalidation.Kind.KEY, key, version));
            }
            return landed;
        });
    }

    /**
     * One transaction for the batch, keys locked in sorted order; landed keys announced as {@code KEYS}. On
     * PostgreSQL a batch of distinct keys is one versioned upsert ({@link EntryStore#writeBatch}); otherwise, and
     * on H2, each key is locked, judged and written in turn.
     */
    @Override
    public CompletableFuture<List<Boolean>> putAll(List<Write> writes, String origin) {
        if (writes.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (writes.stream().anyMatch(w -> w.key() == null || w.value() == null || w.tags() == null
                || w.ttl() == null)) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("every write needs a key, value, tags and ttl"));
        }
        List<Write> batch = List.copyOf(writes);
        int[] order = IntStream.range(0, batch.size()).boxed()
                .sorted(Comparator.comparing(i -> batch.get(i).key())).mapToInt(Integer::intValue).toArray();
        return async((c, announce) -> {
            long now = now();
            Boolean[] landed = new Boolean[batch.size()];
            List<EntryStore.BatchWrite> sorted = new ArrayList<>(batch.size());
            for (int i : order) {
                Write w = batch.get(i);
                sorted.add(new EntryStore.BatchWrite(w.key(), w.value(), w.version(), w.tags(),
                        expiry(now, w.ttl())));
            }
            if (store.takesBatch(sorted)) {
                Set<String> written = store.writeBatch(c, sorted, now);
                for (int i = 0; i < landed.length; i++) {
                    landed[i] = written.contains(batch.get(i).key());
                }
            } else {
                for (int i : order) {
                    Write w = batch.get(i);
                    landed[i] = store.write(c, w.key(), w.value(), w.version(), w.tags(), expiry(now, w.ttl()),
                            now).landed();
                }
            }
            if (origin != null) {
                List<String> keys = new ArrayList<>();
                List<Long> versions = new ArrayList<>();
                for (int i = 0; i < landed.length; i++) {
                    if (landed[i]) {
                        keys.add(batch.get(i).key());
                        versions.add(batch.get(i).version());
                    }
                }
                announce.addAll(Announcements.ofBatch(origin, keys, versions, Announcements.MAX_PAYLOAD_BYTES));
            }
            return List.of(landed);
        });
    }

    @Override
    public CompletableFuture<Boolean> delete(String key, long version, Duration tombstoneTtl) {
        if (key == null || tombstoneTtl == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("key and tombstoneTtl are required"));
        }
        return async((c, announce) -> tombstone(c, List.of(key), version, tombstoneTtl) == 1);
    }

    @Override
    public CompletableFuture<Long> deleteByTag(String tag, long version, Duration tombstoneTtl) {
        if (tag == null || tombstoneTtl == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("tag and tombstoneTtl are required"));
        }
        return async((c, announce) -> tombstone(c, store.keysTagged(c, tag), version, tombstoneTtl));
    }

    /**
     * Selects candidates by the glob's literal prefix with {@code LIKE} (an index range when the key column
     * sorts bytewise, a scan of the namespace otherwise) and matches the full glob in Java.
     */
    @Override
    public CompletableFuture<Long> deleteByPattern(String glob, long version, Duration tombstoneTtl) {
        if (glob == null || tombstoneTtl == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("glob and tombstoneTtl are required"));
        }
        KeyPattern pattern = KeyPattern.of(glob);
        return async((c, announce) -> tombstone(c, store.keysMatching(c, pattern, version, now()), version,
                tombstoneTtl));
    }

    /** Tombstones the keys in sorted order (no deadlock between batches); counts the live values removed. */
    private long tombstone(Connection c, List<String> keys, long version, Duration ttl) throws SQLException {
        long now = now();
        long removed = 0;
        for (String key : keys.stream().sorted().distinct().toList()) {
            if (store.write(c, key, null, version, Set.of(), expiry(now, ttl), now)
                    == EntryStore.Outcome.REPLACED_LIVE) {
                removed++;
            }
        }
        return removed;
    }

    @Override
    public CompletableFuture<Void> publish(Invalidation invalidation) {
        if (!dialect.notifies()) {
            LocalBus.deliver(busAddress, invalidation);
            return CompletableFuture.completedFuture(null);
        }
        return async((c, announce) -> {
            announce.add(invalidation);
            return null;
        });
    }

    /**
     * On PostgreSQL the first subscription opens the listening connection and returns once it listens (or, if the
     * database is down, once it has tried; the listener then reports a gap when it gets through).
     */
    @Override
    public AutoCloseable subscribe(InvalidationListener listener) {
        subscribeLock.lock();
        try {
            AutoCloseable handle = listeners.add(listener);
            if (!subscribed && !closed.get()) {
                subscribed = true;
                if (dialect.notifies()) {
                    pgListener = new PgListener(dataSource, channel, listeners, options.listenPoll());
                    pgListener.start();
                } else {
                    LocalBus.join(busAddress, listeners);
                }
            }
            return handle;
        } finally {
            subscribeLock.unlock();
        }
    }

    /** The server process of the listening connection (PostgreSQL), or -1: for operators and tests. */
    int listenerBackendPid() {
        subscribeLock.lock();
        try {
            return pgListener == null ? -1 : pgListener.backendPid();
        } finally {
            subscribeLock.unlock();
        }
    }

    @Override
    public CompletableFuture<Void> ping() {
        return async((c, announce) -> {
            try (var s = c.createStatement()) {
                s.executeQuery("SELECT 1").close();
            }
            return null;
        });
    }

    /** Live values in the namespace (one {@code COUNT}), or -1 if the database does not answer. */
    @Override
    public long estimatedEntries() {
        try {
            return transactor.run((c, announce) -> store.countLive(c, now()));
        } catch (SQLException | RuntimeException e) {
            return -1;
        }
    }

    /** Deletes the namespace's expired rows and tombstones now; completes with how many rows went. */
    public CompletableFuture<Integer> purgeExpired() {
        return async((c, announce) -> store.purgeExpired(c, now()));
    }

    private void purgeQuietly() {
        try {
            transactor.run((c, announce) -> store.purgeExpired(c, now()));
        } catch (SQLException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cache namespace '" + namespace + "': purge failed", e);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (purger != null) {
            purger.shutdownNow();
        }
        subscribeLock.lock();
        try {
            if (pgListener != null) {
                pgListener.close();
            }
            if (subscribed && !dialect.notifies()) {
                LocalBus.leave(busAddress, listeners);
            }
        } finally {
            subscribeLock.unlock();
        }
        listeners.clear();
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
    }

    private <T> CompletableFuture<T> async(Transactor.Work<T> work) {
        return supply(() -> transactor.run(work));
    }

    /** SQL that may throw, run on the executor; its failure completes the future, never the caller. */
    @FunctionalInterface
    private interface Sql<T> {
        T call() throws SQLException;
    }

    private <T> CompletableFuture<T> supply(Sql<T> sql) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("cache namespace '" + namespace + "': level is closed"));
        }
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return sql.call();
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            }, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private long now() {
        return options.clock().millis();
    }

    private static long expiry(long now, Duration ttl) {
        long millis = Math.max(1, ttl.toMillis());
        return millis > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + millis;
    }
}
