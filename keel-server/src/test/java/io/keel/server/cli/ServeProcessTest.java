package io.keel.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.server.json.Json;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code keel serve} as a real process: one ready line on stdout, SIGTERM lets running work finish, and a
 * restart on the same data is the same node with the same records.
 */
class ServeProcessTest {

    private static final Pattern READY = Pattern.compile("Keel is ready: dashboard at http://127\\.0\\.0\\.1:(\\d+)/");

    private final HttpClient client = HttpClient.newHttpClient();
    private Process process;

    @AfterEach
    void killLeftover() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private record Started(Process process, int port, List<String> stdout) {
    }

    private Started serve(Path dataDir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KeelCli.class.getName(), "serve", "--port", "0", "--data-dir", dataDir.toString())
                .redirectError(dataDir.resolve("stderr.log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("KEEL_"));
        builder.directory(dataDir.toFile());
        process = builder.start();
        List<String> stdout = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    stdout.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> !stdout.isEmpty() || !process.isAlive());
        assertThat(stdout).as("stderr: %s", readQuietly(dataDir.resolve("stderr.log"))).isNotEmpty();
        Matcher ready = READY.matcher(stdout.getFirst());
        assertThat(ready.matches()).as(stdout.getFirst()).isTrue();
        return new Started(process, Integer.parseInt(ready.group(1)), stdout);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(none)";
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest submit(int port, String query, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/operations" + query))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest get(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build();
    }

    @Test
    void sigtermFinishesRunningWorkAndARestartOnTheSameDataKeepsIt() throws Exception {
        Path dataDir = Files.createTempDirectory("keel-serve");
        Started first = serve(dataDir);
        assertThat(send(get(first.port(), "/health/ready")).statusCode()).isEqualTo(200);
        JsonNode echoed = Json.tree(send(submit(first.port(), "?wait=30000", "{\"agent\":\"echo\",\"input\":7}")).body());
        assertThat(echoed.get("status").asText()).isEqualTo("SUCCEEDED");
        String sleeping = Json.tree(send(submit(first.port(), "",
                "{\"agent\":\"sleep\",\"input\":{\"ms\":1500,\"steps\":3}}")).body()).get("id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Json.tree(
                send(get(first.port(), "/api/v1/operations/" + sleeping)).body()).get("status").asText(),
                "RUNNING"::equals);

        first.process().destroy(); // SIGTERM
        assertThat(first.process().waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(first.process().exitValue()).as("a graceful stop exits 0").isZero();
        assertThat(first.stdout()).as("stdout carries the ready line only").hasSize(1);
        String nodeId = Files.readString(dataDir.resolve("node-id")).trim();

        Started second = serve(dataDir);
        assertThat(Files.readString(dataDir.resolve("node-id")).trim()).isEqualTo(nodeId);
        JsonNode afterRestart = Json.tree(send(get(second.port(), "/api/v1/operations/" + sleeping)).body());
        assertThat(afterRestart.get("status").asText())
                .as("the grace period let it finish, and its end was durable").isEqualTo("SUCCEEDED");
        assertThat(afterRestart.get("progress").get("stepCount").asInt()).isEqualTo(3);
        assertThat(Json.tree(send(get(second.port(), "/api/v1/operations/" + echoed.get("id").asText())).body())
                .get("result").asInt()).isEqualTo(7);
        second.process().destroy();
        assertThat(second.process().waitFor(90, TimeUnit.SECONDS)).isTrue();
    }
}
