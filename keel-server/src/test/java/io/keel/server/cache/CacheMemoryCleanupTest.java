package io.keel.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.keel.server.config.Setting;
import io.keel.server.feature.MemoryCleanups;
import io.keel.server.support.TestServer;

/** Under heap pressure the result cache gives memory back: its clean-up, offered to the monitor, empties most of L1. */
class CacheMemoryCleanupTest {

    @Test
    void theResultCacheOffersAnL1CleanupThatFreesEntries() {
        try (TestServer server = TestServer.start(Map.of(Setting.CACHE_L1_MAX_BYTES, String.valueOf(64 * 1024)))) {
            for (int i = 0; i < 40; i++) {
                var response = server.postJson("/api/v1/operations?wait=10000",
                        "{\"agent\":\"echo\",\"input\":{\"n\":" + i + ",\"pad\":\"" + "x".repeat(400) + "\"}}");
                assertThat(TestServer.json(response).path("status").asText()).isEqualTo("SUCCEEDED");
            }
            long before = TestServer.json(server.get("/api/v1/cache/stats")).path("l1").path("entries").asLong();
            assertThat(before).as("results cached in L1").isGreaterThanOrEqualTo(20);

            Map<String, MemoryCleanups.Cleanup> offered = new HashMap<>();
            server.server().memoryCleanups().forEach(offered::put);
            assertThat(offered).containsKey("result-cache-l1");

            MemoryCleanups.Freed freed = offered.get("result-cache-l1").run();

            long after = TestServer.json(server.get("/api/v1/cache/stats")).path("l1").path("entries").asLong();
            assertThat(after).isLessThan(before);
            assertThat(freed.entries()).isEqualTo(before - after);
            assertThat(freed.bytes()).isPositive();
        }
    }
}
