package io.keel.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.server.config.Setting;
import io.keel.server.support.TestServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A real "No space left on device": the file store lives on a 2 MiB tmpfs this test mounts (it needs root;
 * without it the test is skipped locally and fails under CI=true). A 4 MiB upload answers 507 problem+json,
 * leaves no temporary file and no metadata behind, and the store keeps working.
 */
class StorageFullTest {

    @Test
    void diskFullIs507AndLeavesNothingBehind() throws Exception {
        Path mountPoint = Files.createTempDirectory("keel-tmpfs");
        mount(mountPoint);
        try (TestServer server = TestServer.start(Map.of(
                Setting.FILES_DIR, mountPoint.toString(),
                Setting.FILES_MAX_BYTES, String.valueOf(16 * 1024 * 1024)))) {
            byte[] tooBig = new byte[4 * 1024 * 1024];
            new Random(11).nextBytes(tooBig);
            HttpResponse<String> full = upload(server, "huge.bin", tooBig);
            JsonNode problem = FilesApiContract.problem(full, 507, "storage-full");
            assertThat(problem.get("detail").asText()).contains("huge.bin");

            JsonNode stats = TestServer.json(server.get("/api/v1/storage/stats"));
            assertThat(stats.get("files").asLong()).isZero();
            assertThat(stats.get("storedBytes").asLong()).isZero();
            try (Stream<Path> temps = Files.list(mountPoint.resolve("tmp"))) {
                assertThat(temps).as("no half-written temporary file").isEmpty();
            }

            byte[] small = new byte[10_000];
            new Random(12).nextBytes(small);
            HttpResponse<String> ok = upload(server, "small.bin", small);
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
            assertThat(TestServer.json(server.get("/api/v1/storage/stats")).get("files").asLong()).isEqualTo(1);
        } finally {
            run("umount", mountPoint.toString());
            Files.deleteIfExists(mountPoint);
        }
    }

    private static HttpResponse<String> upload(TestServer server, String name, byte[] body) {
        return server.send(HttpRequest.newBuilder(server.uri("/api/v1/files?name=" + name))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    private static void mount(Path mountPoint) throws IOException, InterruptedException {
        if (run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mountPoint.toString()) != 0) {
            Files.deleteIfExists(mountPoint);
            String why = "cannot mount a tmpfs (needs root) for the disk-full test";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
