package io.keel.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.server.config.Setting;
import io.keel.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The file endpoints (API.md, Files) through real HTTP on a real server; subclasses choose the database.
 * The file size limit is lowered to 64 KiB so oversize bodies are cheap.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FilesApiContract {

    static final int LIMIT = 64 * 1024;

    TestServer server;

    /** Extra settings (database), called before the server starts. */
    abstract Map<Setting, String> databaseSettings();

    @BeforeAll
    void start() {
        Map<Setting, String> settings = new HashMap<>(databaseSettings());
        settings.put(Setting.FILES_MAX_BYTES, String.valueOf(LIMIT));
        server = TestServer.start(settings);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] jsonLogs(int size) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < size; i++) {
            text.append("{\"ts\":\"2026-11-25T21:00:").append(i % 60).append("Z\",\"level\":\"INFO\",\"msg\":\"request ")
                    .append(i).append(" served\",\"status\":200}\n");
        }
        return text.substring(0, size).getBytes(StandardCharsets.UTF_8);
    }

    HttpResponse<String> upload(String name, byte[] body) {
        return server.send(HttpRequest.newBuilder(server.uri("/api/v1/files?name="
                        + URLEncoder.encode(name, StandardCharsets.UTF_8)))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    JsonNode uploaded(String name, byte[] body) {
        HttpResponse<String> response = upload(name, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return TestServer.json(response);
    }

    HttpResponse<byte[]> download(String id, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/api/v1/files/" + id)).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return server.client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    JsonNode stats() {
        HttpResponse<String> response = server.get("/api/v1/storage/stats");
        assertThat(response.statusCode()).isEqualTo(200);
        return TestServer.json(response);
    }

    static JsonNode problem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = TestServer.json(response);
        assertThat(body.get("type").asText()).isEqualTo("https://keel.dev/problems/" + type);
        return body;
    }

    @Test
    void uploadThenDownloadRoundTripsWithEtagAndLength() throws Exception {
        byte[] content = random(50_000, 1);
        JsonNode file = uploaded("round-trip.bin", content);
        assertThat(file.get("name").asText()).isEqualTo("round-trip.bin");
        assertThat(file.get("sizeBytes").asLong()).isEqualTo(content.length);
        assertThat(file.get("sha256").asText()).hasSize(64);
        assertThat(file.get("deduplicated").asBoolean()).isFalse();
        assertThat(file.get("compressed").asBoolean()).as("random bytes do not compress").isFalse();
        assertThat(file.get("storedBytes").asLong()).isEqualTo(content.length);

        HttpResponse<byte[]> response = download(file.get("id").asText(), null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(content);
        String etag = "\"" + file.get("sha256").asText() + "\"";
        assertThat(response.headers().firstValue("ETag")).hasValue(etag);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(content.length);

        HttpResponse<byte[]> notModified = download(file.get("id").asText(), etag);
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
    }

    @Test
    void secondIdenticalUploadIsDeduplicated() {
        byte[] content = random(30_000, 2);
        long savedBefore = stats().get("dedupSavedBytes").asLong();
        JsonNode first = uploaded("one.bin", content);
        JsonNode second = uploaded("two.bin", content);
        assertThat(second.get("deduplicated").asBoolean()).isTrue();
        assertThat(second.get("id").asText()).isNotEqualTo(first.get("id").asText());
        assertThat(second.get("sha256").asText()).isEqualTo(first.get("sha256").asText());
        assertThat(stats().get("dedupSavedBytes").asLong() - savedBefore).isEqualTo(content.length);
    }

    @Test
    void jsonLogsAreCompressed() throws Exception {
        byte[] logs = jsonLogs(60_000);
        JsonNode file = uploaded("app.log", logs);
        assertThat(file.get("compressed").asBoolean()).isTrue();
        assertThat(file.get("storedBytes").asLong()).isLessThan(logs.length / 3);
        assertThat(download(file.get("id").asText(), null).body()).isEqualTo(logs);
    }

    @Test
    void deleteIs204ThenUnknownIs404() throws Exception {
        String id = uploaded("gone.bin", random(1000, 3)).get("id").asText();
        assertThat(server.delete("/api/v1/files/" + id).statusCode()).isEqualTo(204);
        problem(server.delete("/api/v1/files/" + id), 404, "not-found");
        assertThat(download(id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void oversizeBodiesAre413AndStoreNothing() {
        JsonNode before = stats();
        JsonNode declared = problem(upload("big.bin", random(LIMIT + 1, 4)), 413, "payload-too-large");
        assertThat(declared.get("detail").asText()).contains("KEEL_FILES_MAX_BYTES");
        // chunked: no Content-Length, so the store cuts the stream off after the limit
        byte[] chunked = random(LIMIT + 10_000, 5);
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/api/v1/files?name=chunked.bin"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked)))
                .build());
        problem(response, 413, "payload-too-large");
        JsonNode after = stats();
        assertThat(after.get("files")).isEqualTo(before.get("files"));
        assertThat(after.get("storedBytes")).isEqualTo(before.get("storedBytes"));
    }

    @Test
    void badNamesAre400NamingTheField() {
        for (String name : new String[] {"../x", "/etc/passwd", "a\u0000b", "a\u0001b", "dir/../../x", ""}) {
            JsonNode body = problem(upload(name, new byte[] {1, 2, 3}), 400, "invalid-field");
            assertThat(body.get("detail").asText()).as(name).startsWith("name:");
        }
    }

    @Test
    void batchReportsOneResultPerFile() {
        byte[] a = random(2000, 6);
        byte[] c = jsonLogs(5000);
        String boundary = "keel-test-boundary-42";
        byte[] body = new MultipartBody(boundary)
                .file("files", "a.bin", a)
                .file("files", "../evil", new byte[] {9})
                .file("files", "c.log", c)
                .bytes();
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/api/v1/files"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode items = TestServer.json(response).get("items");
        assertThat(items).hasSize(3);
        assertThat(items.get(0).get("name").asText()).isEqualTo("a.bin");
        assertThat(items.get(0).get("sizeBytes").asLong()).isEqualTo(a.length);
        assertThat(items.get(1).get("name").asText()).isEqualTo("../evil");
        assertThat(items.get(1).get("error").get("type").asText()).endsWith("/invalid-field");
        assertThat(items.get(1).get("error").get("message").asText()).startsWith("name:");
        assertThat(items.get(2).get("compressed").asBoolean()).isTrue();
        assertThat(items.get(2).get("sizeBytes").asLong()).isEqualTo(c.length);
        items.forEach(item -> assertThat(item.get("durationMs").asLong()).isGreaterThanOrEqualTo(0));
    }

    @Test
    void singlePartMultipartAnswersLikeARawUpload() throws Exception {
        byte[] content = random(3000, 7);
        String boundary = "b0undary";
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/api/v1/files"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        new MultipartBody(boundary).file("file", "only.bin", content).bytes()))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode file = TestServer.json(response);
        assertThat(download(file.get("id").asText(), null).body()).isEqualTo(content);
    }

    @Test
    void optimizeReportsItsRun() {
        uploaded("to-optimize.log", jsonLogs(10_000));
        HttpResponse<String> response = server.postJson("/api/v1/storage/optimize", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = TestServer.json(response);
        assertThat(report.get("filesProcessed").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(report.has("filesRemoved")).isTrue();
        assertThat(report.has("spaceSavedBytes")).isTrue();
        assertThat(report.get("durationMs").asLong()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void statsHaveTheContractFields() {
        uploaded("stat.bin", random(100, 8));
        JsonNode stats = stats();
        for (String field : new String[] {"files", "logicalBytes", "storedBytes", "dedupSavedBytes",
                "compressionSavedBytes", "capacityBytes", "utilizationPercent"}) {
            assertThat(stats.has(field)).as(field).isTrue();
        }
        assertThat(stats.get("files").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void uploadsAndDownloadsAreRecordedAsOperationsOfTheFilesAgent() throws Exception {
        int before = filesOperations().size();
        String id = uploaded("recorded.bin", random(500, 9)).get("id").asText();
        assertThat(download(id, null).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> items = filesOperations();
            assertThat(items).hasSizeGreaterThanOrEqualTo(before + 2);
            assertThat(items).allSatisfy(op -> {
                assertThat(op.get("agent").asText()).isEqualTo("files");
                assertThat(op.get("status").asText()).isEqualTo("SUCCEEDED");
                assertThat(op.get("progress").get("percent").asDouble()).isEqualTo(100.0);
            });
        });
    }

    private List<JsonNode> filesOperations() {
        HttpResponse<String> response = server.get("/api/v1/operations?agent=files&limit=1000");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        TestServer.json(response).get("items").forEach(items::add);
        return items;
    }
}
