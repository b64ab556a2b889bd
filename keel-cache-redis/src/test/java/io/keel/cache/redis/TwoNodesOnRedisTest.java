package io.keel.cache.redis;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.BeforeAll;

import io.keel.cache.AbstractTwoNodesTest;
import io.keel.cache.SecondLevel;
import io.keel.testkit.Services;

/** The two-node suite on the real Redis; the invalidation link is the pub/sub connection (CLIENT KILL cuts it). */
class TwoNodesOnRedisTest extends AbstractTwoNodesTest {

    @BeforeAll
    static void redis() {
        Services.REDIS.require();
    }

    @Override
    protected SecondLevel openLevel(String namespace) {
        return RedisSecondLevel.connect(RedisTestSupport.URL, namespace, Duration.ofSeconds(1));
    }

    @Override
    protected void purge(String namespace) {
        RedisTestSupport.purge(namespace);
    }

    @Override
    protected BooleanSupplier cutInvalidationLink(SecondLevel level) {
        RedisSecondLevel redis = (RedisSecondLevel) level;
        long linkId = redis.pubSubClientId();
        RedisTestSupport.killClient(linkId);
        return () -> redis.pubSubClientId() != linkId;
    }
}
