package io.keel.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** F2: a scoped slot around any block of code, under the same limits and queue as operations. */
class SlotTest {

    private final Governor governor = Governor.builder()
            .limits(Limits.defaults().withMaxConcurrency(1).withDefaultTimeout(Duration.ofSeconds(30))).build();

    SlotTest() {
        governor.registerAgent(AgentSpec.io("upload"));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        GovernorInvariants.assertQuiet(governor);
        GovernorInvariants.assertShutdownClean(governor);
    }

    @Test
    void closedSlotEndsSucceededAndFailedSlotEndsFailed() throws Exception {
        String ok;
        try (Slot slot = governor.acquire("upload", 0, "a.pdf")) {
            slot.progress().percent(50);
            ok = slot.operationId();
        }
        String bad;
        try (Slot slot = governor.acquire("upload", 0, "b.pdf")) {
            bad = slot.operationId();
            slot.fail(new IllegalStateException("disk full"));
        }
        Operation<?> okOp = governor.find(ok).orElseThrow();
        assertThat(okOp.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(okOp.snapshot().name()).isEqualTo("a.pdf");
        assertThat(governor.find(bad).orElseThrow().snapshot().failure().message()).isEqualTo("disk full");
    }

    @Test
    void secondSlotWaitsItsTurnThroughTheQueue() throws Exception {
        Slot first = governor.acquire("upload", 0, "first");
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> {
            try (Slot s = governor.acquire("upload", 0, "second", Duration.ofSeconds(30))) {
                return s.operationId();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().until(() -> governor.stats().queued() == 1);
        assertThat(second).isNotDone();
        first.close();
        first.close(); // idempotent
        assertThat(governor.find(second.join()).orElseThrow().status()).isEqualTo(OperationStatus.SUCCEEDED);
    }

    @Test
    void waitingLongerThanMaxWaitGivesUpWithADiagnostic() throws Exception {
        try (Slot held = governor.acquire("upload", 0, "held")) {
            assertThatThrownBy(() -> governor.acquire("upload", 0, "late", Duration.ofMillis(20)))
                    .isInstanceOf(QueueFullException.class).hasMessageContaining("running=1/1");
            assertThat(governor.stats().queued()).isZero();
            assertThat(held.isCancelled()).isFalse();
        }
    }

    @Test
    void cancelledSlotIsFlaggedAndStillReleasesOnClose() throws Exception {
        Slot slot = governor.acquire("upload", 0, "x");
        assertThat(governor.cancel(slot.operationId())).isTrue();
        assertThat(slot.isCancelled()).isTrue();
        assertThat(governor.stats().running()).isEqualTo(1); // held until the block closes it
        slot.close();
        assertThat(governor.find(slot.operationId()).orElseThrow().status()).isEqualTo(OperationStatus.CANCELLED);
    }

    @Test
    void unknownAgentIsNotRegisteredOnTheFly() {
        assertThatThrownBy(() -> governor.acquire("ghost", 0, "x")).isInstanceOf(UnknownAgentException.class);
        assertThat(governor.agents()).extracting(AgentSpec::name).containsExactly("upload");
    }

    @Test
    void slotsAreVisibleAsOperationsWithEvents() throws Exception {
        RecordingListener listener = new RecordingListener();
        governor.subscribe(listener);
        String id;
        try (Slot slot = governor.acquire("upload", 0, "seen")) {
            id = slot.operationId();
        }
        await().until(() -> listener.hasFinished(id));
        assertThat(listener.typesOf(id)).containsExactly(OperationEvent.Type.QUEUED, OperationEvent.Type.STARTED,
                OperationEvent.Type.FINISHED);
    }
}
