package io.keel.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

/** Graceful shutdown: stop admitting, reject the queue, let running work finish, cancel the rest. */
class ShutdownTest {

    private final Governor governor = Governor.builder().limits(Limits.defaults().withMaxConcurrency(1)).cpuThreads(2).build();

    ShutdownTest() {
        governor.registerAgent(AgentSpec.io("io"));
        governor.registerAgent(AgentSpec.cpu("cpu"));
    }

    @Test
    void queuedWorkIsRejectedAndRunningWorkFinishesWithinGrace() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Operation<String> running = governor.submit(OperationSpec.builder("cpu", ctx -> {
            started.countDown();
            Thread.sleep(100);
            return "finished";
        }).build());
        Operation<String> queued = governor.submit(OperationSpec.builder("io", ctx -> "never").build());
        started.await();
        assertThat(governor.shutdown(Duration.ofSeconds(20))).isTrue();
        assertThat(running.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(queued.status()).isEqualTo(OperationStatus.REJECTED);
        assertThat(queued.snapshot().failure().message()).contains("shut down");
        assertThat(governor.stats().ownedPlatformThreads()).isZero();
        GovernorInvariants.assertQuiet(governor);
    }

    @Test
    void workOutlivingTheGraceIsCancelledAndEveryOperationEndsTerminal() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Operation<Object> stubborn = governor.submit(OperationSpec.builder("io", ctx -> {
            started.countDown();
            Thread.sleep(60_000);
            return null;
        }).build());
        started.await();
        assertThat(governor.shutdown(Duration.ofMillis(50))).isFalse();
        assertThat(stubborn.status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(governor.isShutdown()).isTrue();
        assertThatThrownBy(() -> governor.submit(OperationSpec.builder("io", ctx -> 1).build()))
                .isInstanceOf(GovernorShutdownException.class)
                .satisfies(e -> assertThat(((OperationRejectedException) e).retryAfter()).isNotNull());
        assertThatThrownBy(() -> governor.acquire("io", 0, "late")).isInstanceOf(GovernorShutdownException.class);
        GovernorInvariants.assertQuiet(governor);
        assertThat(governor.stats().ownedPlatformThreads()).isZero();
        assertThat(governor.shutdown(Duration.ofSeconds(1))).isFalse(); // a second call reports the first outcome
    }

    @Test
    void waitingSlotIsRefusedAtShutdown() throws Exception {
        Slot held = governor.acquire("io", 0, "held");
        java.util.concurrent.CompletableFuture<Throwable> refusal = new java.util.concurrent.CompletableFuture<>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try (Slot unexpected = governor.acquire("io", 0, "waiting", Duration.ofSeconds(30))) {
                refusal.complete(null);
            } catch (Throwable t) {
                refusal.complete(t);
            }
        });
        await().until(() -> governor.stats().queued() == 1);
        Thread closer = Thread.ofVirtual().start(() -> {
            await().until(governor::isShutdown);
            held.close();
        });
        governor.close();
        waiter.join();
        closer.join();
        assertThat(refusal.join()).isInstanceOf(GovernorShutdownException.class);
        GovernorInvariants.assertQuiet(governor);
    }

    @Test
    void removingAnAgentRejectsItsQueuedWork() throws Exception {
        Gate gate = new Gate();
        governor.submit(OperationSpec.builder("io", gate.task(1)).build());
        await().until(() -> gate.inside() == 1);
        Operation<Integer> queued = governor.submit(OperationSpec.builder("cpu", ctx -> 2).build());
        assertThat(governor.removeAgent("cpu")).isTrue();
        assertThat(governor.removeAgent("cpu")).isFalse();
        assertThat(queued.status()).isEqualTo(OperationStatus.REJECTED);
        gate.open();
        GovernorInvariants.assertQuiet(governor);
        GovernorInvariants.assertShutdownClean(governor);
    }
}
