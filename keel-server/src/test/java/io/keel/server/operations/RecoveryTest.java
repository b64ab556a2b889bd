package io.keel.server.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.server.config.Setting;
import io.keel.server.records.OperationRecord;
import io.keel.server.support.InMemoryRecordStore;
import io.keel.server.support.TestServer;
import org.junit.jupiter.api.Test;

/**
 * A restarted node finishes its own unfinished work (issue 2 §3): RUNNING without a key fails "interrupted
 * by restart", RUNNING with a key and every QUEUED one run again under their ids, and nothing stays
 * unfinished; other nodes' records are not touched.
 */
class RecoveryTest {

    private static final String NODE = "node-recovery";
    private static final Instant BEFORE = Instant.parse("2026-01-01T00:00:00Z");

    private static OperationRecord unfinished(String id, String agent, String status, String inputJson, String key,
                                              String owner) {
        return new OperationRecord(id, agent, status, 5, BEFORE, "RUNNING".equals(status) ? BEFORE : null, null,
                40, null, 0, 0, null, inputJson, null, null, null, false, key, null, owner, BEFORE, 1, null);
    }

    @Test
    void unfinishedRecordsOfThisNodeEndOrRunAgain() {
        InMemoryRecordStore store = new InMemoryRecordStore();
        store.upsert(unfinished("r-running", "sleep", "RUNNING", "{\"ms\":10}", null, NODE));
        store.upsert(unfinished("r-running-key", "echo", "RUNNING", "{\"again\":true}", "k-1", NODE));
        store.upsert(unfinished("r-queued", "echo", "QUEUED", "{\"queued\":1}", null, NODE));
        store.upsert(unfinished("r-gone-agent", "vanished", "QUEUED", "{}", null, NODE));
        store.upsert(unfinished("r-other-node", "echo", "RUNNING", "{}", null, "node-elsewhere"));

        try (TestServer server = TestServer.start(Map.of(Setting.NODE_ID, NODE), c -> TestServer.inMemory(store))) {
            assertThat(server.server().recovered()).isEqualTo(new Recovery.Outcome(1, 2, 1));

            JsonNode interrupted = server.operation("r-running");
            assertThat(interrupted.get("status").asText()).isEqualTo("FAILED");
            assertThat(interrupted.get("error").get("message").asText()).isEqualTo("interrupted by restart");

            JsonNode again = await().atMost(Duration.ofSeconds(10)).until(() -> server.operation("r-running-key"),
                    op -> "SUCCEEDED".equals(op.get("status").asText()));
            assertThat(again.get("result").get("again").asBoolean()).isTrue();
            assertThat(again.get("createdAt").asText()).isEqualTo(BEFORE.toString());

            JsonNode queued = await().atMost(Duration.ofSeconds(10)).until(() -> server.operation("r-queued"),
                    op -> "SUCCEEDED".equals(op.get("status").asText()));
            assertThat(queued.get("result").get("queued").asInt()).isEqualTo(1);

            JsonNode rejected = server.operation("r-gone-agent");
            assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
            assertThat(rejected.get("error").get("message").asText()).contains("vanished");

            assertThat(store.find("r-other-node").orElseThrow().status()).isEqualTo("RUNNING");
            await().atMost(Duration.ofSeconds(10)).until(() -> store.unfinishedOwnedBy(NODE).isEmpty());
        }
    }
}
