package io.keel.server.cache;

import static io.keel.server.cache.CacheApi.cached;
import static io.keel.server.cache.CacheApi.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.keel.server.config.Setting;
import io.keel.server.support.TestServer;
import org.junit.jupiter.api.Test;

/** A Redis that does not answer at start leaves the node ready and caching on L1 (API.md, health). */
class RedisUnavailableTest {

    @Test
    void aNodeWhoseRedisIsDownStartsReadyAndCachesInL1() {
        try (TestServer server = TestServer.start(Map.of(Setting.REDIS_URL, "redis://127.0.0.1:1"))) {
            assertThat(server.get("/health/ready").statusCode()).isEqualTo(200);
            String body = "{\"agent\":\"echo\",\"input\":{\"down\":true}}";
            assertThat(cached(run(server, body))).isFalse();
            assertThat(cached(run(server, body))).isTrue();
            assertThat(CacheApi.stats(server).get("l2Enabled").asBoolean()).isFalse();
        }
    }
}
