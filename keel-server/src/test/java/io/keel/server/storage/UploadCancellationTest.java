package io.keel.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.server.support.TestServer;
import org.junit.jupiter.api.Test;

/**
 * F8: an upload in progress is a RUNNING operation of the {@code files} agent with progress, and cancelling it
 * through the operations API stops the ingest: 409 cancelled, nothing stored, the operation ends CANCELLED.
 */
class UploadCancellationTest {

    private static final int FIRST_PART = 1024 * 1024;
    private static final long DECLARED = 8L * 1024 * 1024;

    @Test
    void cancellingARunningUploadStoresNothing() throws Exception {
        try (TestServer server = TestServer.start(Map.of())) {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<HttpResponse<String>> response = server.client().sendAsync(
                    HttpRequest.newBuilder(server.uri("/api/v1/files?name=slow.bin"))
                            .POST(HttpRequest.BodyPublishers.fromPublisher(
                                    HttpRequest.BodyPublishers.ofInputStream(() -> new StallingStream(release)),
                                    DECLARED))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            AtomicReference<JsonNode> running = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode items = TestServer.json(server.get("/api/v1/operations?agent=files&status=RUNNING"))
                        .get("items");
                assertThat(items).hasSize(1);
                assertThat(items.get(0).get("progress").get("percent").asDouble()).isGreaterThan(0);
                running.set(items.get(0));
            });
            String id = running.get().get("id").asText();
            assertThat(server.delete("/api/v1/operations/" + id).statusCode()).isEqualTo(202);
            release.countDown();

            HttpResponse<String> answer = response.get(60, TimeUnit.SECONDS);
            FilesApiContract.problem(answer, 409, "cancelled");
            assertThat(TestServer.json(server.get("/api/v1/storage/stats")).get("files").asLong()).isZero();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(server.operation(id).get("status").asText()).isEqualTo("CANCELLED"));
        }
    }

    /** Sends {@link #FIRST_PART} bytes, waits for the test to cancel, then sends the rest. */
    private static final class StallingStream extends InputStream {
        private final CountDownLatch release;
        private long sent;

        StallingStream(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (sent >= DECLARED) {
                return -1;
            }
            if (sent >= FIRST_PART) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
            int n = (int) Math.min(len, DECLARED - sent);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) ((sent + i) * 31);
            }
            sent += n;
            return n;
        }
    }
}
