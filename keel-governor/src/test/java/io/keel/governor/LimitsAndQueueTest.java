package io.keel.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.keel.testkit.ManualClock;

/** Admission: caps, budget, input size, timeouts, the bounded queue, priority order with aging. */
class LimitsAndQueueTest {

    private final ManualClock clock = new ManualClock();
    private Governor governor;
    private final Gate gate = new Gate();

    private Governor governor(Limits limits) {
        governor = Governor.builder().limits(limits).clock(clock).nanoTime(clock).build();
        governor.registerAgent(AgentSpec.io("a"));
        governor.registerAgent(AgentSpec.io("b"));
        return governor;
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        gate.open();
        if (governor != null) {
            GovernorInvariants.assertQuiet(governor);
            GovernorInvariants.assertShutdownClean(governor);
        }
    }

    @Test
    void globalCapHoldsAndQueuedWorkRunsWhenPermitsFree() {
        Governor g = governor(Limits.defaults().withMaxConcurrency(3));
        List<Operation<Integer>> ops = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ops.add(g.submit(OperationSpec.builder(i % 2 == 0 ? "a" : "b", gate.task(i)).build()));
        }
        await().until(() -> gate.inside() == 3);
        assertThat(g.stats().running()).isEqualTo(3);
        assertThat(g.stats().queued()).isEqualTo(7);
        assertThat(ops.stream().filter(o -> o.status() == OperationStatus.QUEUED)).hasSize(7);
        gate.open();
        ops.forEach(o -> o.result().join());
    }

    @Test
    void perAgentCapDoesNotBlockOtherAgents() {
        Governor g = governor(Limits.defaults().withMaxConcurrency(10).withMaxConcurrencyPerAgent(2));
        for (int i = 0; i < 5; i++) {
            g.submit(OperationSpec.builder("a", gate.task(i)).priority(9).build());
        }
        Gate other = new Gate();
        Operation<String> b = g.submit(OperationSpec.builder("b", ctx -> "b ran").priority(0).build());
        assertThat(b.result().join()).isEqualTo("b ran");
        assertThat(g.stats().perAgent().get("a").running()).isEqualTo(2);
        assertThat(g.stats().perAgent().get("a").queued()).isEqualTo(3);
        other.open();
    }

    @Test
    void agentSpecCapOverridesTheDefaultPerAgentCap() {
        Governor g = governor(Limits.defaults().withMaxConcurrency(10).withMaxConcurrencyPerAgent(5));
        g.registerAgent(AgentSpec.io("one").withMaxConcurrency(1));
        for (int i = 0; i < 3; i++) {
            g.submit(OperationSpec.builder("one", gate.task(i)).build());
        }
        await().until(() -> gate.inside() == 1);
        assertThat(g.stats().perAgent().get("one").maxConcurrency()).isEqualTo(1);
        assertThat(g.stats().perAgent().get("one").queued()).isEqualTo(2);
    }

    @Test
    void memoryBudgetMakesBigOperationsWaitAndLetsSmallOnesPass() {
        Governor g = governor(Limits.defaults().withMemoryBudgetBytes(100 * Limits.MB));
        g.submit(OperationSpec.builder("a", gate.task(1)).estimatedBytes(70 * Limits.MB).build());
        await().until(() -> gate.inside() == 1);
        Operation<Integer> big = g.submit(OperationSpec.builder("a", ctx -> 2).estimatedBytes(50 * Limits.MB).build());
        Operation<Integer> small = g.submit(OperationSpec.builder("b", ctx -> 3).estimatedBytes(10 * Limits.MB).build());
        assertThat(small.result().join()).isEqualTo(3);
        assertThat(big.status()).isEqualTo(OperationStatus.QUEUED);
        assertThat(g.stats().reservedBytes()).isEqualTo(70 * Limits.MB);
        gate.open();
        assertThat(big.result().join()).isEqualTo(2);
    }

    @Test
    void operationLargerThanTheWholeBudgetIsRefusedAtOnce() {
        Governor g = governor(Limits.defaults().withMemoryBudgetBytes(100 * Limits.MB));
        assertThatThrownBy(() -> g.submit(OperationSpec.builder("a", ctx -> 1).estimatedBytes(101 * Limits.MB).build()))
                .isInstanceOf(MemoryBudgetExceededException.class).hasMessageContaining("100 MB");
    }

    @Test
    void oversizedInputIsRefusedAtTheDoor() {
        Governor g = governor(Limits.defaults().withMaxInputBytes(1000));
        assertThatThrownBy(() -> g.submit(OperationSpec.builder("a", ctx -> 1).inputBytes(1001).build()))
                .isInstanceOf(InputTooLargeException.class).hasMessageContaining("1001");
        assertThat(g.stats().liveOperations()).isZero();
    }

    @Test
    void timeoutAboveTheMaximumIsInvalid() {
        Governor g = governor(Limits.defaults());
        assertThatThrownBy(() -> g.submit(OperationSpec.builder("a", ctx -> 1).timeout(Duration.ofHours(2)).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }

    @Test
    void fullQueueRefusesWithADiagnosticAndRetryAfter() {
        Governor g = governor(Limits.defaults().withMaxConcurrency(1).withQueueCapacity(2));
        g.submit(OperationSpec.builder("a", gate.task(0)).build());
        await().until(() -> gate.inside() == 1);
        g.submit(OperationSpec.builder("a", gate.task(1)).build());
        g.submit(OperationSpec.builder("a", gate.task(2)).build());
        assertThatThrownBy(() -> g.submit(OperationSpec.builder("a", gate.task(3)).build()))
                .isInstanceOfSatisfying(QueueFullException.class, e -> assertThat(e.retryAfter()).isPositive())
                .hasMessageContaining("queue full (capacity=2, queued=2, running=1/1")
                .hasMessageContaining("reserved=0/500 MB");
        assertThat(g.stats().liveOperations()).isEqualTo(3);
    }

    @Test
    void higherPriorityRunsFirstAndFifoWithinAPriority() {
        Governor g = governor(Limits.defaults().withMaxConcurrency(1));
        g.submit(OperationSpec.builder("a", gate.task(-1)).build());
        await().until(() -> gate.inside() == 1);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        List<Operation<?>> ops = new ArrayList<>();
        String[] names = {"p2-first", "p7-first", "p2-second", "p9", "p7-second"};
        int[] priorities = {2, 7, 2, 9, 7};
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            ops.add(g.submit(OperationSpec.builder("a", ctx -> order.add(name)).priority(priorities[i]).build()));
        }
        gate.open();
        ops.forEach(o -> o.result().join());
        assertThat(order).containsExactly("p9", "p7-first", "p7-second", "p2-first", "p2-second");
    }

    @Test
    void agingLetsALongWaitingLowPriorityOperationOvertakeNewerUrgentOnes() {
        Governor g = governor(Limits.defaults().withMaxConcurrency(1).withAgingStep(Duration.ofSeconds(1)));
        g.submit(OperationSpec.builder("a", gate.task(-1)).build());
        await().until(() -> gate.inside() == 1);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        List<Operation<?>> ops = new ArrayList<>();
        ops.add(g.submit(OperationSpec.builder("a", ctx -> order.add("old-p0")).priority(0).build()));
        clock.advance(Duration.ofSeconds(9)); // 0 + 9 levels: as urgent as it gets
        ops.add(g.submit(OperationSpec.builder("a", ctx -> order.add("new-p8")).priority(8).build()));
        ops.add(g.submit(OperationSpec.builder("a", ctx -> order.add("new-p9")).priority(9).build()));
        gate.open();
        ops.forEach(o -> o.result().join());
        assertThat(order).containsExactly("old-p0", "new-p9", "new-p8");
    }

    @Test
    void deadlinesCountFromSubmissionOnTheInjectedClock() {
        Governor g = governor(Limits.defaults().withMaxConcurrency(1));
        Operation<Integer> running = g.submit(OperationSpec.builder("a", gate.task(0)).timeout(Duration.ofSeconds(10)).build());
        Operation<Integer> queued = g.submit(OperationSpec.builder("a", gate.task(1)).timeout(Duration.ofSeconds(20)).build());
        await().until(() -> gate.inside() == 1);
        clock.advance(Duration.ofSeconds(11));
        await().until(() -> running.status() == OperationStatus.TIMED_OUT);
        assertThat(queued.status()).isNotEqualTo(OperationStatus.TIMED_OUT);
        clock.advance(Duration.ofSeconds(10));
        await().until(() -> queued.status() == OperationStatus.TIMED_OUT);
        assertThat(queued.snapshot().deadline()).isEqualTo(queued.snapshot().createdAt().plusSeconds(20));
    }

    @Test
    void queuedOperationCancelledLeavesTheQueue() {
        Governor g = governor(Limits.defaults().withMaxConcurrency(1));
        g.submit(OperationSpec.builder("a", gate.task(0)).build());
        await().until(() -> gate.inside() == 1);
        Operation<Integer> queued = g.submit(OperationSpec.builder("a", gate.task(1)).build());
        assertThat(g.stats().queued()).isEqualTo(1);
        assertThat(g.cancel(queued.id())).isTrue();
        assertThat(queued.status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(g.stats().queued()).isZero();
        assertThat(queued.snapshot().attempts()).isEmpty();
        assertThat(g.cancel(queued.id())).isFalse();
    }
}
