package io.keel.cache.redis;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;

import io.keel.cache.AbstractSecondLevelContractTest;
import io.keel.cache.SecondLevel;
import io.keel.testkit.Services;

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
}
