package io.keel.bench.cache;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/** Benchmark housekeeping on the shared Redis: a namespace is removed key by key (never FLUSHDB). */
final class RedisBench {

    static final String URL = System.getProperty("keel.bench.redis", "redis://127.0.0.1:6379");

    private RedisBench() {
    }

    static void purge(String namespace) {
        RedisClient client = RedisClient.create(URL);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            RedisCommands<String, String> redis = c.sync();
            ScanArgs match = ScanArgs.Builder.matches(namespace + ":*").limit(1000);
            KeyScanCursor<String> cursor = redis.scan(match);
            while (true) {
                if (!cursor.getKeys().isEmpty()) {
                    redis.del(cursor.getKeys().toArray(String[]::new));
                }
                if (cursor.isFinished()) {
                    return;
                }
                cursor = redis.scan(ScanCursor.of(cursor.getCursor()), match);
            }
        } finally {
            client.shutdown();
        }
    }
}
