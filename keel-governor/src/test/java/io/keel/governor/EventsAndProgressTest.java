package io.keel.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Progress, events, and listeners that misbehave without hurting anyone. */
class EventsAndProgressTest {

    private final Governor governor = Governor.builder().listenerBufferSize(16).build();

    EventsAndProgressTest() {
        governor.registerAgent(AgentSpec.io("work"));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        GovernorInvariants.assertQuiet(governor);
        GovernorInvariants.assertShutdownClean(governor);
    }

    @Test
    void eventsArriveInOrderWithFinishedLast() {
        RecordingListener listener = new RecordingListener();
        governor.subscribe(listener);
        Operation<String> op = governor.submit(OperationSpec.builder("work", ctx -> {
            ctx.progress().step("load", 1, 2);
            ctx.progress().step("save", 2, 2);
            return "done";
        }).build());
        op.result().join();
        await().until(() -> listener.hasFinished(op.id()));
        List<OperationEvent.Type> types = listener.typesOf(op.id());
        assertThat(types).startsWith(OperationEvent.Type.QUEUED, OperationEvent.Type.STARTED)
                .endsWith(OperationEvent.Type.FINISHED)
                .containsSubsequence(OperationEvent.Type.PROGRESS, OperationEvent.Type.PROGRESS);
        OperationEvent last = listener.events.stream().filter(e -> e.snapshot().id().equals(op.id()))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(last.snapshot().status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(last.snapshot().progress().percent()).isEqualTo(100.0);
        OperationEvent second = listener.events.stream()
                .filter(e -> e.type() == OperationEvent.Type.PROGRESS).skip(1).findFirst().orElseThrow();
        assertThat(second.snapshot().progress().step()).isEqualTo("save");
        assertThat(second.snapshot().progress().percent()).isEqualTo(50.0);
    }

    @Test
    void tightProgressLoopIsCoalescedIntoFewEvents() {
        RecordingListener listener = new RecordingListener();
        governor.subscribe(listener);
        Operation<Object> op = governor.submit(OperationSpec.builder("work", ctx -> {
            for (int i = 0; i <= 100_000; i++) {
                ctx.progress().percent(i / 1000.0);
            }
            return null;
        }).build());
        op.result().join();
        await().until(() -> listener.hasFinished(op.id()));
        long progressEvents = listener.typesOf(op.id()).stream().filter(t -> t == OperationEvent.Type.PROGRESS).count();
        assertThat(progressEvents).isBetween(1L, 1000L);
        assertThat(op.progress().percent()).isEqualTo(100.0);
    }

    @Test
    void slowListenerDropsOldestEventsButNeverSlowsOperations() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Subscription slow = governor.subscribe(e -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        });
        RecordingListener healthy = new RecordingListener();
        governor.subscribe(healthy);
        List<Operation<Integer>> ops = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int v = i;
            ops.add(governor.submit(OperationSpec.builder("work", ctx -> v).build()));
        }
        ops.forEach(o -> o.result().join()); // completes although one listener is stuck
        await().until(() -> !healthy.finished.isEmpty()); // a small buffer may drop some, but it keeps receiving
        assertThat(slow.droppedEvents()).isPositive();
        assertThat(governor.stats().droppedEvents()).isGreaterThanOrEqualTo(slow.droppedEvents());
        release.countDown();
        slow.close();
    }

    @Test
    void failingListenerIsIgnoredAndKeepsReceiving() {
        AtomicInteger calls = new AtomicInteger();
        governor.subscribe(e -> {
            calls.incrementAndGet();
            throw new IllegalStateException("listener bug");
        });
        for (int i = 0; i < 3; i++) {
            assertThat(governor.submit(OperationSpec.builder("work", ctx -> "ok").build()).result().join()).isEqualTo("ok");
        }
        await().until(() -> calls.get() >= 9);
    }

    @Test
    void closedSubscriptionReceivesNothingMore() {
        RecordingListener listener = new RecordingListener();
        Subscription s = governor.subscribe(listener);
        s.close();
        s.close();
        governor.submit(OperationSpec.builder("work", ctx -> "ok").build()).result().join();
        assertThat(listener.events).isEmpty();
    }

    @Test
    void nobodyListeningMeansNoEventsBuilt() {
        Operation<String> op = governor.submit(OperationSpec.builder("work", ctx -> {
            ctx.progress().percent(50);
            return "quiet";
        }).build());
        assertThat(op.result().join()).isEqualTo("quiet");
        assertThat(governor.stats().droppedEvents()).isZero();
    }

    @Test
    void progressIsReadableWhileRunning() throws Exception {
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Operation<Object> op = governor.submit(OperationSpec.builder("work", ctx -> {
            ctx.progress().report("copy", 2, 4, 40);
            reported.countDown();
            finish.await();
            return null;
        }).build());
        reported.await();
        assertThat(op.progress()).extracting(Progress::step, Progress::stepIndex, Progress::stepCount, Progress::percent)
                .containsExactly("copy", 2, 4, 40.0);
        finish.countDown();
        op.result().join();
    }

    @Test
    void cancelledOperationEndsWithFinishedEventOnlyOnce() throws Exception {
        RecordingListener listener = new RecordingListener();
        governor.subscribe(listener);
        CountDownLatch started = new CountDownLatch(1);
        Operation<Object> op = governor.submit(OperationSpec.builder("work", ctx -> {
            started.countDown();
            while (true) {
                ctx.progress().percent(1);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }).timeout(Duration.ofSeconds(60)).build());
        started.await();
        op.cancel();
        await().until(() -> listener.hasFinished(op.id()));
        assertThat(listener.finished.get(op.id())).hasValue(1);
        List<OperationEvent.Type> types = listener.typesOf(op.id());
        assertThat(types.get(types.size() - 1)).isEqualTo(OperationEvent.Type.FINISHED);
    }
}
