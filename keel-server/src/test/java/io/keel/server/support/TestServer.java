package io.keel.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.server.KeelServer;
import io.keel.server.Persistence;
import io.keel.server.config.ConfigLoader;
import io.keel.server.config.KeelConfig;
import io.keel.server.config.Setting;
import io.keel.server.json.Json;
import io.keel.server.records.OperationRecordStore;

/** A real Keel server on a free loopback port, and a real HTTP client to talk to it. */
public final class TestServer implements AutoCloseable {

    private final KeelServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path dataDir;

    private TestServer(KeelServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    /**
     * The default records database (embedded H2 in a fresh data dir, unless the settings name a
     * {@code DB_URL}); settings as flags, e.g. {@code Map.of(Setting.MAX_CONCURRENCY, "1")}.
     */
    public static TestServer start(Map<Setting, String> settings) {
        return start(settings, null);
    }

    /** With the given persistence, e.g. {@code config -> inMemory(store)}; null for the default. */
    public static TestServer start(Map<Setting, String> settings, Function<KeelConfig, Persistence> persistence) {
        try {
            Path dataDir = Files.createTempDirectory("keel-test");
            Map<Setting, String> flags = new EnumMap<>(Setting.class);
            flags.put(Setting.PORT, "0");
            flags.put(Setting.DATA_DIR, dataDir.toString());
            flags.put(Setting.SHUTDOWN_GRACE_MS, "2000");
            flags.putAll(settings);
            KeelConfig config = ConfigLoader.load(null, Map.of(), flags);
            KeelServer server = persistence == null ? KeelServer.start(config) : KeelServer.start(config, persistence);
            return new TestServer(server, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Persistence inMemory(OperationRecordStore store) {
        return new Persistence() {
            @Override
            public OperationRecordStore store() {
                return store;
            }

            @Override
            public boolean isUp() {
                return true;
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }

    public KeelServer server() {
        return server;
    }

    public Path dataDir() {
        return dataDir;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE().build());
    }

    public HttpResponse<String> postJson(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpClient client() {
        return client;
    }

    /** Submits and returns the 202's body. */
    public JsonNode submit(String body) {
        HttpResponse<String> response = postJson("/api/v1/operations", body);
        if (response.statusCode() != 202 && response.statusCode() != 200) {
            throw new AssertionError("submit answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    public JsonNode operation(String id) {
        return json(get("/api/v1/operations/" + id));
    }

    public static JsonNode json(HttpResponse<String> response) {
        return Json.tree(response.body());
    }

    @Override
    public void close() {
        server.stop();
    }
}
