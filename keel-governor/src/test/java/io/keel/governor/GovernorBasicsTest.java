package io.keel.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GovernorBasicsTest {

    private final Governor governor = Governor.builder().limits(Limits.defaults()).build();

    @AfterEach
    void tearDown() throws InterruptedException {
        GovernorInvariants.assertQuiet(governor);
        GovernorInvariants.assertShutdownClean(governor);
    }

    @Test
    void submittedOperationSucceedsWithItsValue() {
        governor.registerAgent(AgentSpec.io("echo"));
        Operation<String> op = governor.submit(OperationSpec.builder("echo", ctx -> "hi " + ctx.attempt()).build());
        assertThat(op.result().join()).isEqualTo("hi 1");
        assertThat(op.status()).isEqualTo(OperationStatus.SUCCEEDED);
        OperationSnapshot s = op.snapshot();
        assertThat(s.attempts()).hasSize(1);
        assertThat(s.attempts().get(0).instanceId()).isEqualTo("local");
        assertThat(s.result()).isEqualTo("hi 1");
        assertThat(s.progress().percent()).isEqualTo(100.0);
        assertThat(governor.find(op.id())).contains(op);
    }

    @Test
    void cpuAgentRunsOnOwnedPlatformThreads() {
        governor.registerAgent(AgentSpec.cpu("cpu"));
        Operation<String> op = governor.submit(OperationSpec.builder("cpu", ctx -> Thread.currentThread().getName()).build());
        assertThat(op.result().join()).startsWith("keel-cpu-");
        assertThat(governor.stats().ownedPlatformThreads()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void ioAgentRunsOnVirtualThreads() {
        governor.registerAgent(AgentSpec.io("io"));
        Operation<Boolean> op = governor.submit(OperationSpec.builder("io", ctx -> Thread.currentThread().isVirtual()).build());
        assertThat(op.result().join()).isTrue();
    }

    @Test
    void failingTaskEndsFailedWithItsMessage() {
        governor.registerAgent(AgentSpec.io("fail"));
        Operation<Object> op = governor.submit(OperationSpec.builder("fail", ctx -> {
            throw new IllegalStateException("boom");
        }).build());
        assertThatThrownBy(() -> op.result().join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(OperationFailedException.class);
        assertThat(op.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(op.snapshot().failure()).isEqualTo(new OperationFailure("IllegalStateException", "boom"));
    }

    @Test
    void unknownAgentIsRefusedAtTheDoor() {
        assertThatThrownBy(() -> governor.submit(OperationSpec.builder("nope", ctx -> 1).build()))
                .isInstanceOf(UnknownAgentException.class).hasMessageContaining("nope");
        assertThat(governor.stats().liveOperations()).isZero();
    }

    @Test
    void runningOperationIsCancelledAndInterrupted() throws Exception {
        governor.registerAgent(AgentSpec.io("sleep"));
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Operation<Object> op = governor.submit(OperationSpec.builder("sleep", ctx -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.set(ctx.isCancelled());
            }
            return null;
        }).build());
        started.await();
        assertThat(op.cancel()).isTrue();
        assertThat(op.status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(op.cancel()).isFalse();
        await().untilTrue(interrupted);
    }

    @Test
    void operationPastItsTimeoutEndsTimedOut() {
        governor.registerAgent(AgentSpec.io("sleep"));
        Operation<Object> op = governor.submit(OperationSpec.builder("sleep", ctx -> {
            Thread.sleep(60_000);
            return null;
        }).timeout(Duration.ofMillis(50)).build());
        await().until(() -> op.status() == OperationStatus.TIMED_OUT);
        assertThat(op.snapshot().failure().type()).isEqualTo("timeout");
    }

    @Test
    void batchReportsEachItem() {
        governor.registerAgent(AgentSpec.io("echo"));
        BatchResult batch = governor.submitAll(List.of(
                OperationSpec.builder("echo", ctx -> 1).build(),
                OperationSpec.builder("missing", ctx -> 2).build(),
                OperationSpec.builder("echo", ctx -> 3).timeout(Duration.ofDays(2)).build()));
        assertThat(batch.acceptedCount()).isEqualTo(1);
        assertThat(batch.entries().get(1).rejection()).isInstanceOf(UnknownAgentException.class);
        assertThat(batch.entries().get(2).rejection()).hasMessageContaining("timeout");
        batch.entries().get(0).operation().result().join();
    }

    @Test
    void slotHoldsAPermitUntilClosed() throws Exception {
        governor.registerAgent(AgentSpec.io("upload"));
        try (Slot slot = governor.acquire("upload", 10 * Limits.MB, "report.pdf")) {
            assertThat(governor.stats().running()).isEqualTo(1);
            assertThat(governor.stats().reservedBytes()).isEqualTo(10 * Limits.MB);
            assertThat(governor.find(slot.operationId()).orElseThrow().status()).isEqualTo(OperationStatus.RUNNING);
        }
        assertThat(governor.stats().running()).isZero();
    }
}
