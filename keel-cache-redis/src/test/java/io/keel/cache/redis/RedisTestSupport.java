package io.keel.cache.redis;

import io.keel.testkit.Services;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/** Shared Redis for the tests: removes a test's namespace key by key (never FLUSHDB: others use this Redis). */
final class RedisTestSupport {

    static final String URL = "redis://127.0.0.1:6379";

    private RedisTestSupport() {
    }

    static void purge(String namespace) {
        if (!Services.REDIS.isUp()) {
            return;
        }
        RedisClient client = RedisClient.create(URL);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            RedisCommands<String, String> redis = c.sync();
            ScanArgs match = ScanArgs.Builder.matches(namespace + ":*").limit(500);
            KeyScanCursor<String> cursor = redis.scan(match);
            while (true) {
                if (!cursor.getKeys().isEmpty()) {
                    redis.del(cursor.getKeys().toArray(String[]::new));
                }
                if (cursor.isFinished()) {
                    break;
                }
                cursor = redis.scan(ScanCursor.of(cursor.getCursor()), match);
            }
        } finally {
            client.shutdown();
        }
    }

    static void killClient(long clientId) {
        RedisClient client = RedisClient.create(URL);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().clientKill(io.lettuce.core.KillArgs.Builder.id(clientId));
        } finally {
            client.shutdown();
        }
    }
}
