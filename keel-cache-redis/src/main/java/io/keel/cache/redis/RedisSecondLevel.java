package io.keel.cache.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

import io.keel.cache.Invalidation;
import io.keel.cache.InvalidationListener;
import io.keel.cache.L2Entry;
import io.keel.cache.SecondLevel;
import io.keel.cache.redis.internal.Blob;
import io.keel.cache.redis.internal.EntriesOutput;
import io.keel.cache.redis.internal.FlagsOutput;
import io.keel.cache.redis.internal.PrefixedKeyCodec;
import io.keel.cache.redis.internal.Scripts;
import io.keel.cache.redis.internal.ServerVersion;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/**
 * The Redis second level, over Lettuce: one multiplexed connection for data (commands from all threads are
 * pipelined on it) and one for invalidation pub/sub, opened on the first {@link #subscribe}.
 *
 * <p>Layout under the namespace {@code ns}: {@code ns:k:<key>} holds a value or tombstone blob ({@link Blob}),
 * {@code ns:t:<tag>} the set of keys written with a tag, {@code ns:inv} is the invalidation channel. Versioned
 * writes run as Lua scripts. Pattern deletes walk {@code SCAN MATCH}, never {@code KEYS}.
 *
 * <p>Link gaps: when the pub/sub connection drops, Lettuce reconnects and resubscribes by itself; once the
 * resubscription is confirmed listeners hear {@code onLinkGap}, since messages published in between are lost.
 * Commands fail fast while disconnected instead of queueing.
 */
public final class RedisSecondLevel implements SecondLevel {

    private static final System.Logger LOG = System.getLogger(RedisSecondLevel.class.getName());
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    private static final byte[] EMPTY = {};

    private final String namespace;
    private final String dataPrefix;
    private final byte[] dataPrefixBytes;
    private final String tagPrefix;
    private final PrefixedKeyCodec prefixedKeys;
    private final String channel;
    private final byte[] channelBytes;
    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisAsyncCommands<String, byte[]> redis;
    private volatile Map<String, String> shas;
    private final List<InvalidationListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock subscribeLock = new ReentrantLock();
    private volatile StatefulRedisPubSubConnection<String, String> pubSub;
    private volatile boolean gap;
    private volatile boolean closing;

    private RedisSecondLevel(String url, String namespace, Duration commandTimeout) {
        this.namespace = namespace;
        this.dataPrefix = namespace + ":k:";
        this.dataPrefixBytes = dataPrefix.getBytes(StandardCharsets.UTF_8);
        this.tagPrefix = namespace + ":t:";
        this.prefixedKeys = new PrefixedKeyCodec(dataPrefix);
        this.channel = namespace + ":inv";
        this.channelBytes = channel.getBytes(StandardCharsets.UTF_8);
        RedisURI uri = RedisURI.create(url);
        // The URI timeout bounds the connection handshake; commands have their own, short, timeout below.
        uri.setTimeout(Duration.ofSeconds(10));
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
        client.addListener(new LinkWatcher());
        StatefulRedisConnection<String, byte[]> connected = null;
        try {
            connected = client.connect(CODEC);
            ServerVersion.require(connected.sync().info("server"));
            Map<String, String> loaded = new HashMap<>();
            for (String script : List.of(Scripts.PUT, Scripts.PUT_MANY, Scripts.DELETE, Scripts.DELETE_TAG)) {
                loaded.put(script, connected.sync().scriptLoad(script));
            }
            this.shas = Map.copyOf(loaded);
        } catch (RuntimeException e) {
            // A client owns its event loop threads: a refused attempt must not leave them behind (a cache that
            // starts while Redis is down attempts once per breaker probe).
            if (connected != null) {
                connected.close();
            }
            client.shutdown();
            throw e;
        }
        this.connection = connected;
        this.redis = connected.async();
    }

    /**
     * Connects to {@code redis://host:port[/db]} and keeps this cache's keys under {@code namespace}.
     * Throws if Redis does not answer now; later outages are the cache's circuit breaker's business.
     */
    public static RedisSecondLevel connect(String url, String namespace, Duration commandTimeout) {
        if (url == null || !(url.startsWith("redis://") || url.startsWith("rediss://"))) {
            throw new IllegalArgumentException("not a redis:// URL: '" + url + "'");
        }
        if (namespace == null || namespace.isEmpty() || namespace.chars().anyMatch(c -> "*?[]\\ ".indexOf(c) >= 0)) {
            throw new IllegalArgumentException(
                    "namespace must be non-empty without glob characters: '" + namespace + "'");
        }
        if (commandTimeout == null || !commandTimeout.isPositive()) {
            throw new IllegalArgumentException("commandTimeout must be positive: " + commandTimeout);
        }
        return new RedisSecondLevel(url, namespace, commandTimeout);
    }

    public static RedisSecondLevel connect(String url, String namespace) {
        return connect(url, namespace, Duration.ofMillis(250));
    }

    public String namespace() {
        return namespace;
    }

    @Override
    public CompletableFuture<L2Entry> get(String key) {
        return redis.get(dataPrefix + key).thenApply(Blob::decode).toCompletableFuture();
    }

    @Override
    public CompletableFuture<Map<String, L2Entry>> getAll(Collection<String> keys) {
        List<String> asked = List.copyOf(keys);
        return getEach(asked).thenApply(rows -> {
            Map<String, L2Entry> found = HashMap.newHashMap(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i) != null) {
                    found.put(asked.get(i), rows.get(i));
                }
            }
            return found;
        });
    }

    /**
     * One {@code MGET}, with the namespace prefix written straight into the command buffer and each reply value
     * decoded as Lettuce parses it: the event-loop thread that every command of this connection shares does no
     * more per key than a plain MGET of byte arrays would.
     */
    @Override
    public CompletableFuture<List<L2Entry>> getEach(List<String> keys) {
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        CommandArgs<String, byte[]> args = new CommandArgs<>(prefixedKeys);
        for (String key : keys) {
            args.addKey(key);
        }
        return redis.dispatch(CommandType.MGET, new EntriesOutput(prefixedKeys, keys.size()), args)
                .toCompletableFuture().thenApply(Arrays::asList);
    }

    @Override
    public CompletableFuture<Boolean> put(String key, byte[] value, long version, Set<String> tags, Duration ttl,
                                          String origin) {
        List<byte[]> args = new ArrayList<>(5 + tags.size());
        args.add(ascii(Long.toString(version)));
        args.add(Blob.value(version, tags, value));
        args.add(ascii(Long.toString(Math.max(1, ttl.toMillis()))));
        if (origin == null) {
            args.add(new byte[0]);
            args.add(new byte[0]);
        } else {
            args.add(channel.getBytes(StandardCharsets.UTF_8));
            args.add(new Invalidation(origin, Invalidation.Kind.KEY, key, version).encode()
                    .getBytes(StandardCharsets.UTF_8));
        }
        for (String tag : tags) {
            args.add((tagPrefix + tag).getBytes(StandardCharsets.UTF_8));
        }
        return this.<Long>script(Scripts.PUT, new String[] {dataPrefix + key}, args).thenApply(n -> n == 1L);
    }

    /**
     * One Lua call for the whole batch ({@link Scripts#PUT_MANY}), announced as one {@code KEYS} invalidation.
     * Built for the event-loop thread that encodes every command of the connection and often builds the next batch
     * too: keys are prefixed straight into the command buffer, each key carries only its blob, TTL and tags (the
     * script reads version and tag count from the blob), equal TTLs share one array, and the reply is read
     * into flags as it is parsed.
     */
    @Override
    public CompletableFuture<List<Boolean>> putAll(List<Write> writes, String origin) {
        if (writes.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        byte[][] blobs = new byte[writes.size()][];
        for (int i = 0; i < blobs.length; i++) {
            Write w = writes.get(i);
            blobs[i] = Blob.value(w.version(), w.tags(), w.value());
        }
        CompletableFuture<List<Boolean>> first = putMany(CommandType.EVALSHA, shas.get(Scripts.PUT_MANY), writes,
                blobs, origin);
        // After a SCRIPT FLUSH or a failover Redis forgets the script; send the body once more.
        return first.exceptionallyCompose(e -> unwrap(e) instanceof RedisNoScriptException
                ? putMany(CommandType.EVAL, Scripts.PUT_MANY, writes, blobs, origin)
                : CompletableFuture.failedFuture(e));
    }

    private CompletableFuture<List<Boolean>> putMany(CommandType command, String script, List<Write> writes,
                                                     byte[][] blobs, String origin) {
        CommandArgs<String, byte[]> args = new CommandArgs<>(prefixedKeys);
        args.add(script).add(writes.size());
        for (Write w : writes) {
            args.addKey(w.key());
        }
        args.add(origin == null ? EMPTY : channelBytes);
        args.add(origin == null ? EMPTY : origin.getBytes(StandardCharsets.UTF_8));
        args.add(dataPrefixBytes.length).add(tagPrefix);
        args.add(origin == null ? EMPTY : announcement(writes));
        long ttlMillis = -1;
        byte[] ttlText = null;
        for (int i = 0; i < blobs.length; i++) {
            Write w = writes.get(i);
            long ttl = Math.max(1, w.ttl().toMillis());
            if (ttl != ttlMillis) {
                ttlMillis = ttl;
                ttlText = ascii(Long.toString(ttl));
            }
            args.addValue(blobs[i]).addValue(ttlText);
            for (String tag : w.tags()) {
                args.add(tag);
            }
        }
        FlagsOutput flags = new FlagsOutput(prefixedKeys, writes.size());
        return redis.dispatch(command, flags, args).toCompletableFuture()
                .thenApply(written -> flags.answeredEveryKey() ? written : List.of());
    }

    /** Every key of the batch as a {@code KEYS} invalidation target; the script sends it when no key was refused. */
    private static byte[] announcement(List<Write> writes) {
        List<String> keys = new ArrayList<>(writes.size());
        for (Write w : writes) {
            keys.add(w.key());
        }
        return Invalidation.keyList(keys).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public CompletableFuture<Boolean> delete(String key, long version, Duration tombstoneTtl) {
        return deleteKeys(new String[] {dataPrefix + key}, version, tombstoneTtl).thenApply(n -> n > 0);
    }

    @Override
    public CompletableFuture<Long> deleteByTag(String tag, long version, Duration tombstoneTtl) {
        return script(Scripts.DELETE_TAG, new String[] {tagPrefix + tag}, tombArgs(version, tombstoneTtl));
    }

    @Override
    public CompletableFuture<Long> deleteByPattern(String glob, long version, Duration tombstoneTtl) {
        ScanArgs args = ScanArgs.Builder.matches(escapeGlob(dataPrefix) + glob).limit(500);
        return scanDelete(redis.scan(args), args, version, tombstoneTtl, 0L);
    }

    private CompletableFuture<Long> scanDelete(CompletionStage<KeyScanCursor<String>> page, ScanArgs args,
                                               long version, Duration ttl, long removedSoFar) {
        return page.toCompletableFuture().thenCompose(cursor -> {
            CompletableFuture<Long> removed = cursor.getKeys().isEmpty() ? CompletableFuture.completedFuture(0L)
                    : deleteKeys(cursor.getKeys().toArray(String[]::new), version, ttl);
            return removed.thenCompose(n -> cursor.isFinished()
                    ? CompletableFuture.completedFuture(removedSoFar + n)
                    : scanDelete(redis.scan(ScanCursor.of(cursor.getCursor()), args), args, version, ttl,
                            removedSoFar + n));
        });
    }

    private CompletableFuture<Long> deleteKeys(String[] keys, long version, Duration ttl) {
        return script(Scripts.DELETE, keys, tombArgs(version, ttl));
    }

    private static List<byte[]> tombArgs(long version, Duration ttl) {
        return List.of(ascii(Long.toString(version)), Blob.tombstone(version),
                ascii(Long.toString(Math.max(1, ttl.toMillis()))));
    }

    private <T> CompletableFuture<T> script(String script, String[] keys, List<byte[]> args) {
        return script(script, keys, args, ScriptOutputType.INTEGER);
    }

    private <T> CompletableFuture<T> script(String script, String[] keys, List<byte[]> args, ScriptOutputType type) {
        byte[][] values = args.toArray(byte[][]::new);
        CompletableFuture<T> first = redis.<T>evalsha(shas.get(script), type, keys, values).toCompletableFuture();
        // After a SCRIPT FLUSH or a failover Redis forgets the script; send the body once more.
        return first.exceptionallyCompose(e -> unwrap(e) instanceof RedisNoScriptException
                ? redis.<T>eval(script, type, keys, values).toCompletableFuture()
                : CompletableFuture.failedFuture(e));
    }

    @Override
    public CompletableFuture<Void> publish(Invalidation invalidation) {
        return redis.publish(channel, invalidation.encode().getBytes(StandardCharsets.UTF_8))
                .thenApply(receivers -> (Void) null).toCompletableFuture();
    }

    @Override
    public AutoCloseable subscribe(InvalidationListener listener) {
        subscribeLock.lock();
        try {
            if (pubSub == null) {
                StatefulRedisPubSubConnection<String, String> link = client.connectPubSub();
                link.addListener(new Messages());
                link.sync().subscribe(channel);
                pubSub = link;
            }
            listeners.add(listener);
        } finally {
            subscribeLock.unlock();
        }
        return () -> listeners.remove(listener);
    }

    /** The Redis CLIENT ID of the invalidation link, so operators (and tests) can find that connection. */
    public long pubSubClientId() {
        StatefulRedisPubSubConnection<String, String> link = pubSub;
        if (link == null) {
            throw new IllegalStateException("no subscription yet in namespace " + namespace);
        }
        return link.sync().clientId();
    }

    /**
     * For tests: from now on every script is called by a digest Redis never saw, as after a {@code SCRIPT FLUSH}
     * or a failover, without flushing the scripts of everyone else on a shared Redis.
     */
    void forgetScripts() {
        Map<String, String> unknown = new HashMap<>();
        shas.keySet().forEach(script -> unknown.put(script, "f".repeat(40)));
        shas = Map.copyOf(unknown);
    }

    @Override
    public CompletableFuture<Void> ping() {
        return redis.ping().thenApply(pong -> (Void) null).toCompletableFuture();
    }

    @Override
    public void close() {
        closing = true;
        listeners.clear();
        if (pubSub != null) {
            pubSub.close();
        }
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private void linkGap(String why) {
        LOG.log(System.Logger.Level.INFO, "cache namespace ''{0}'': invalidation link {1}", namespace, why);
        for (InvalidationListener l : listeners) {
            try {
                l.onLinkGap();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "invalidation listener failed on link gap", e);
            }
        }
    }

    private final class Messages extends RedisPubSubAdapter<String, String> {
        @Override
        public void message(String from, String message) {
            Invalidation inv;
            try {
                inv = Invalidation.decode(message);
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, "ignoring a malformed invalidation: {0}", message);
                return;
            }
            for (InvalidationListener l : listeners) {
                try {
                    l.onInvalidation(inv);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "invalidation listener failed", e);
                }
            }
        }

        @Override
        public void subscribed(String subscribedChannel, long count) {
            if (gap) {
                gap = false;
                linkGap("restored");
            }
        }
    }

    private final class LinkWatcher implements RedisConnectionStateListener {
        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
            if (handler == pubSub && !gap && !closing) {
                // Keep serving L1 while the link is down (Redis may be down too, and L1 is then all there is);
                // what may have been missed is dropped once the link is back.
                gap = true;
                LOG.log(System.Logger.Level.WARNING, "cache namespace ''{0}'': invalidation link lost", namespace);
            }
        }
    }

    private static String escapeGlob(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("*?[]\\".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
