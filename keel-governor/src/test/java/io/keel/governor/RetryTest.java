package io.keel.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries happen only for retryable failures of idempotent operations, each attempt on the record. */
class RetryTest {

    private static final RetryPolicy THREE_QUICK = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), 2.0, 0.5);

    private final Governor governor = Governor.builder().random(new Random(42)).build();
    private final RecordingListener listener = new RecordingListener();

    RetryTest() {
        governor.registerAgent(AgentSpec.io("flaky").withRetry(THREE_QUICK));
        governor.subscribe(listener);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        GovernorInvariants.assertQuiet(governor);
        GovernorInvariants.assertShutdownClean(governor);
    }

    private static OperationTask<String> failingTimes(int failures, AtomicInteger calls) {
        return ctx -> {
            if (calls.incrementAndGet() <= failures) {
                throw new RetryableException("try again (" + ctx.attempt() + ")");
            }
            return "ok on " + ctx.attempt();
        };
    }

    @Test
    void retryableFailureOfIdempotentOperationIsRetriedWithEachAttemptRecorded() {
        AtomicInteger calls = new AtomicInteger();
        Operation<String> op = governor.submit(OperationSpec.builder("flaky", failingTimes(2, calls)).idempotent(true).build());
        assertThat(op.result().join()).isEqualTo("ok on 3");
        OperationSnapshot s = op.snapshot();
        assertThat(s.attempts()).extracting(AttemptRecord::number).containsExactly(1, 2, 3);
        assertThat(s.attempts().get(0).failure().type()).isEqualTo("RetryableException");
        assertThat(s.attempts().get(1).failure().message()).isEqualTo("try again (2)");
        assertThat(s.attempts().get(2).failure()).isNull();
        assertThat(s.attempts()).allSatisfy(a -> assertThat(a.finishedAt()).isNotNull());
        await().until(() -> listener.hasFinished(op.id()));
        assertThat(listener.typesOf(op.id())).containsSubsequence(
                OperationEvent.Type.STARTED, OperationEvent.Type.RETRYING, OperationEvent.Type.QUEUED,
                OperationEvent.Type.STARTED, OperationEvent.Type.RETRYING, OperationEvent.Type.STARTED,
                OperationEvent.Type.FINISHED);
    }

    @Test
    void attemptsStopAtTheMaximum() {
        AtomicInteger calls = new AtomicInteger();
        Operation<String> op = governor.submit(OperationSpec.builder("flaky", failingTimes(10, calls)).idempotent(true).build());
        await().until(() -> op.status().isTerminal());
        assertThat(op.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(calls).hasValue(3);
        assertThat(op.snapshot().attempts()).hasSize(3);
    }

    @Test
    void nonIdempotentOperationIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        Operation<String> op = governor.submit(OperationSpec.builder("flaky", failingTimes(1, calls)).build());
        await().until(() -> op.status().isTerminal());
        assertThat(op.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(calls).hasValue(1);
    }

    @Test
    void nonRetryableFailureIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        OperationTask<String> task = ctx -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("bad input");
        };
        Operation<String> op = governor.submit(OperationSpec.builder("flaky", task).idempotent(true).build());
        await().until(() -> op.status().isTerminal());
        assertThat(op.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(calls).hasValue(1);
    }

    @Test
    void retryableCauseCounts() {
        AtomicInteger calls = new AtomicInteger();
        Operation<String> op = governor.submit(OperationSpec.builder("flaky", ctx -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("wrapped", new RetryableException("inner"));
            }
            return "second";
        }).idempotent(true).build());
        assertThat(op.result().join()).isEqualTo("second");
    }

    @Test
    void backoffGrowsExponentiallyWithJitterBelowTheCap() {
        RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(300), 2.0, 0.5);
        assertThat(p.backoffBefore(2)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.backoffBefore(3)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.backoffBefore(4)).isEqualTo(Duration.ofMillis(300));
    }
}
