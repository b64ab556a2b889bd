package io.keel.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.keel.cache.AbstractSecondLevelContractTest;
import io.keel.cache.SecondLevel;
import io.keel.testkit.Services;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

class RedisSecondLevelContractTest extends AbstractSecondLevelContractTest {

    @BeforeAll
    static void redis() {
        Services.REDIS.require();
    }

    @Override
    protected SecondLevel open(String namespace) {
        return RedisSecondLevel.connect(RedisTestSupport.URL, namespace, Duration.ofSeconds(2));
    }

    @Override
    protected void purge(String namespace) {
        RedisTestSupport.purge(namespace);
    }

    /** Redis forgets scripts on SCRIPT FLUSH or failover; writes then resend the script body and still land. */
    @Test
    void writesLandAfterRedisForgotTheScripts() throws Exception {
        RedisSecondLevel redis = (RedisSecondLevel) level;
        redis.forgetScripts();
        assertThat(done(redis.putAll(List.of(
                new SecondLevel.Write("a", bytes("a1"), 1, Set.of("t"), Duration.ofMinutes(5)),
                new SecondLevel.Write("b", bytes("b2"), 2, Set.of(), Duration.ofMinutes(5))), "node-a")))
                .containsExactly(true, true);
        assertThat(done(redis.put("c", bytes("c3"), 3, Set.of(), Duration.ofMinutes(5), null))).isTrue();
        assertThat(done(redis.putAll(List.of(
                new SecondLevel.Write("a", bytes("a0"), 0, Set.of(), Duration.ofMinutes(5))), null)))
                .containsExactly(false);
        assertThat(new String(done(redis.get("a")).value(), StandardCharsets.UTF_8)).isEqualTo("a1");
        assertThat(done(redis.deleteByTag("t", 4, Duration.ofMinutes(1)))).isEqualTo(1);
    }

    /** Each key of a batch keeps its own TTL; a tag set lives as long as its longest-lived key. */
    @Test
    void batchKeysKeepTheirOwnTtlAndTagSetsTheLongest() throws Exception {
        assertThat(done(level.putAll(List.of(
                new SecondLevel.Write("short", bytes("s"), 1, Set.of("t"), Duration.ofMinutes(3)),
                new SecondLevel.Write("long", bytes("l"), 2, Set.of("t"), Duration.ofMinutes(7)),
                new SecondLevel.Write("short2", bytes("s"), 3, Set.of(), Duration.ofMinutes(3))), null)))
                .containsExactly(true, true, true);
        RedisClient client = RedisClient.create(RedisTestSupport.URL);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            long minutes3 = Duration.ofMinutes(3).toMillis();
            assertThat(c.sync().pttl(namespace + ":k:short")).isBetween(1L, minutes3);
            assertThat(c.sync().pttl(namespace + ":k:short2")).isBetween(1L, minutes3);
            assertThat(c.sync().pttl(namespace + ":k:long")).isBetween(minutes3 + 1, Duration.ofMinutes(7).toMillis());
            assertThat(c.sync().pttl(namespace + ":t:t")).isGreaterThan(minutes3);
        } finally {
            client.shutdown();
        }
    }

    /**
     * A refused small batch write is written and put back in the same script step: the stored blob, version and tags
     * stay, and the key still expires — at the refused write's TTL (documented in Scripts), never without one.
     */
    @Test
    void aRefusedBatchWritePutsTheStoredBlobBackAndTheKeyStillExpires() throws Exception {
        assertThat(done(level.put("v", bytes("v20"), 20, Set.of("keep"), Duration.ofMinutes(5)))).isTrue();
        done(level.delete("gone", 30, Duration.ofMinutes(1)));
        assertThat(done(level.putAll(List.of(
                new SecondLevel.Write("v", bytes("v10"), 10, Set.of("other"), Duration.ofMinutes(7)),
                new SecondLevel.Write("gone", bytes("g29"), 29, Set.of(), Duration.ofMinutes(7))), null)))
                .containsExactly(false, false);
        assertThat(new String(done(level.get("v")).value(), StandardCharsets.UTF_8)).isEqualTo("v20");
        assertThat(done(level.get("v")).tags()).containsExactly("keep");
        assertThat(done(level.get("gone"))).isNull();
        assertThat(done(level.putAll(List.of(
                new SecondLevel.Write("gone", bytes("g30"), 30, Set.of(), Duration.ofMinutes(7))), null)))
                .as("the tombstone kept its version").containsExactly(false);
        RedisClient client = RedisClient.create(RedisTestSupport.URL);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            long minutes7 = Duration.ofMinutes(7).toMillis();
            assertThat(c.sync().pttl(namespace + ":k:v")).isBetween(1L, minutes7);
            assertThat(c.sync().pttl(namespace + ":k:gone")).isBetween(1L, minutes7);
        } finally {
            client.shutdown();
        }
    }

    private static <T> T done(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
