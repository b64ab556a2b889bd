package io.keel.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 2's crash test: a server killed with SIGKILL while operations run and wait, then restarted on the same
 * data directory. What the API reported as finished stays exactly as it was; everything else finishes.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CrashRecoveryTest {

    private static final Set<String> ACTIVE = Set.of("QUEUED", "RUNNING");

    @TempDir
    Path dataDir;

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void sigkillWhileOperationsRunAndWaitLosesNothingAndChangesNoFinishedOperation() {
        // Two slots in all, so two long sleeps hold them and everything submitted after waits in the queue.
        ServerProcess server = servers.start(dataDir,
                "--max-concurrency", "2", "--max-concurrency-per-agent", "2", "--queue-capacity", "100");
        KeelApi api = new KeelApi(server.baseUrl());

        Map<String, JsonNode> finishedBeforeKill = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            JsonNode done = api.submit(KeelApi.submission("echo", Map.of("n", i)), 10_000).expect(200).body();
            finishedBeforeKill.put(done.path("id").asText(), done);
        }
        JsonNode failed = api.submit(KeelApi.submission("fail", Map.of("message", "meant to fail")), 10_000)
                .expect(200).body();
        finishedBeforeKill.put(failed.path("id").asText(), failed);

        // No idempotency key: must end FAILED "interrupted by restart". Long enough never to end by itself here.
        String doomed = api.submitAccepted("sleep", Map.of("ms", 120_000, "steps", 120));
        // With a key: may run again after the crash; short enough that the re-run ends within the test's bound.
        Map<String, Object> rerunnable = KeelApi.submission("sleep", Map.of("ms", 15_000, "steps", 15));
        rerunnable.put("idempotencyKey", "crash-test-" + UUID.randomUUID());
        String rerun = api.submit(rerunnable, 0).expect(202).body().path("id").asText();
        await("both sleeps RUNNING").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.status(doomed).equals("RUNNING") && api.status(rerun).equals("RUNNING"));

        List<String> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            queued.add(api.submitAccepted("sleep", Map.of("ms", 300, "steps", 3)));
        }
        queued.add(api.submitAccepted("echo", Map.of("queued", true)));
        String cancelled = api.submitAccepted("echo", Map.of("to", "cancel"));
        api.cancel(cancelled).expect(202);
        await("cancellation reported").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.status(cancelled).equals("CANCELLED"));
        finishedBeforeKill.put(cancelled, api.operation(cancelled));
        for (String id : finishedBeforeKill.keySet()) {
            finishedBeforeKill.put(id, api.operation(id));
        }

        // The state the kill interrupts, as the API reports it right before.
        assertThat(api.status(doomed)).isEqualTo("RUNNING");
        assertThat(api.status(rerun)).isEqualTo("RUNNING");
        assertThat(queued).allSatisfy(id -> assertThat(api.status(id)).isEqualTo("QUEUED"));
        assertThat(finishedBeforeKill.values()).allSatisfy(op -> assertThat(op.path("status").asText())
                .isIn("SUCCEEDED", "FAILED", "CANCELLED"));

        long pid = server.handle().pid();
        int exit = server.killHard();
        assertThat(exit).as("exit status of pid %d: 137 = killed by SIGKILL", pid).isEqualTo(137);

        server.restart();
        KeelApi after = new KeelApi(server.baseUrl());

        await("every operation terminal after the restart").atMost(Duration.ofSeconds(75))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> after.allOperations().stream().noneMatch(op -> ACTIVE.contains(op.path("status").asText())));

        finishedBeforeKill.forEach((id, before) -> {
            JsonNode now = after.operation(id);
            assertThat(now.path("status")).as("status of %s", id).isEqualTo(before.path("status"));
            assertThat(now.path("result")).as("result of %s", id).isEqualTo(before.path("result"));
            assertThat(now.path("error")).as("error of %s", id).isEqualTo(before.path("error"));
            assertThat(now.path("finishedAt")).as("finishedAt of %s", id).isEqualTo(before.path("finishedAt"));
        });

        JsonNode interrupted = after.operation(doomed);
        assertThat(interrupted.path("status").asText()).isEqualTo("FAILED");
        assertThat(interrupted.path("error").path("message").asText()).contains("interrupted by restart");

        assertThat(after.operation(rerun).path("status").asText()).as("re-run of the idempotent sleep")
                .isEqualTo("SUCCEEDED");
        assertThat(queued).allSatisfy(id -> assertThat(after.operation(id).path("status").asText())
                .as("queued before the kill: %s", id).isEqualTo("SUCCEEDED"));
    }
}
