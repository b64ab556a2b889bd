package io.keel.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM starts a graceful shutdown: the node stops being ready, running work finishes within the grace period,
 * the rest is cancelled, the process exits 0, and nothing is left QUEUED or RUNNING for the next start.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GracefulShutdownTest {

    private static final Set<String> ACTIVE = Set.of("QUEUED", "RUNNING");

    @TempDir
    Path dataDir;

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void sigtermFinishesRunningWorkEndsTheRestAndExitsZero() throws InterruptedException {
        ServerProcess server = servers.start(dataDir, "--shutdown-grace-ms", "20000",
                "--max-concurrency", "2", "--max-concurrency-per-agent", "2", "--queue-capacity", "100");
        KeelApi api = new KeelApi(server.baseUrl());
        assertThat(api.readiness()).isEqualTo(200);

        // Short enough to finish well within the 20 s grace period, long enough to be running at SIGTERM.
        List<String> running = List.of(
                api.submitAccepted("sleep", Map.of("ms", 3_000, "steps", 3)),
                api.submitAccepted("sleep", Map.of("ms", 3_000, "steps", 3)));
        await("two sleeps RUNNING").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> running.stream().allMatch(id -> api.status(id).equals("RUNNING")));
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            queued.add(api.submitAccepted("sleep", Map.of("ms", 60_000, "steps", 2)));
        }
        assertThat(queued).allSatisfy(id -> assertThat(api.status(id)).isEqualTo("QUEUED"));

        // Watch readiness while the server drains (-1 = no answer: the listener is closed).
        List<Integer> readiness = new CopyOnWriteArrayList<>();
        Thread watcher = Thread.ofVirtual().start(() -> {
            try {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20)).until(() -> {
                    int status = api.readiness();
                    readiness.add(status);
                    return status == -1;
                });
            } catch (RuntimeException stopped) {
                // interrupted or out of time: the probe is best effort, the assertions below use what it saw
            }
        });

        server.terminate();
        int exit = server.awaitExit(Duration.ofSeconds(60));
        watcher.interrupt();
        watcher.join(Duration.ofSeconds(10));

        // The sleeps still had seconds to go at SIGTERM, and the server drains them before it closes its
        // listener, so the probe sees the 503 window; after it, never ready again.
        assertThat(readiness).as("readiness during shutdown, as runs: %s", runs(readiness)).contains(503);
        int first503 = readiness.indexOf(503);
        assertThat(readiness.subList(first503, readiness.size())).doesNotContain(200);

        server.restart();
        KeelApi after = new KeelApi(server.baseUrl());
        List<JsonNode> all = after.allOperations();
        assertThat(all).extracting(op -> op.path("status").asText())
                .as("nothing left QUEUED or RUNNING after a graceful stop")
                .noneMatch(ACTIVE::contains);
        assertThat(running).allSatisfy(id -> assertThat(after.status(id)).isEqualTo("SUCCEEDED"));
        // Work that never started ends without running: REJECTED "governor shut down" (or CANCELLED).
        assertThat(queued).allSatisfy(id -> assertThat(after.status(id)).isIn("REJECTED", "CANCELLED"));
        // Last, so that a wrong status does not hide what the records say.
        assertThat(exit).as("exit status after SIGTERM (143 = the JVM's default for a SIGTERM)").isZero();
    }

    private static List<String> runs(List<Integer> statuses) {
        List<String> runs = new ArrayList<>();
        int i = 0;
        while (i < statuses.size() && runs.size() < 10) {
            int j = i;
            while (j < statuses.size() && statuses.get(j).equals(statuses.get(i))) {
                j++;
            }
            runs.add(statuses.get(i) + "x" + (j - i));
            i = j;
        }
        return runs;
    }
}
