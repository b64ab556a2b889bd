package io.keel.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Limits change at run time without losing or double-counting a permit. */
class ChangeLimitsTest {

    private final Governor governor = Governor.builder().limits(Limits.defaults().withMaxConcurrency(2)).build();

    ChangeLimitsTest() {
        governor.registerAgent(AgentSpec.io("a"));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        GovernorInvariants.assertQuiet(governor);
        GovernorInvariants.assertShutdownClean(governor);
    }

    @Test
    void raisingAdmitsQueuedWorkAtOnceAndLoweringWaitsForRunningWork() {
        Gate gate = new Gate();
        List<Operation<Integer>> ops = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ops.add(governor.submit(OperationSpec.builder("a", gate.task(i)).build()));
        }
        await().until(() -> gate.inside() == 2);
        governor.changeLimits(governor.limits().withMaxConcurrency(5));
        await().until(() -> gate.inside() == 5);
        assertThat(governor.stats().queued()).isEqualTo(1);
        governor.changeLimits(governor.limits().withMaxConcurrency(1));
        assertThat(governor.stats().running()).isEqualTo(5); // running work keeps its permits
        Gate second = new Gate();
        Operation<Integer> late = governor.submit(OperationSpec.builder("a", second.task(99)).build());
        gate.open();
        ops.forEach(o -> o.result().join());
        await().until(() -> second.inside() == 1);
        assertThat(governor.stats().running()).isEqualTo(1);
        assertThat(late.status()).isEqualTo(OperationStatus.RUNNING);
        second.open();
        late.result().join();
    }

    @Test
    void flippingLimitsUnderLoadNeverExceedsTheHighestCapAndLosesNothing() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        List<Operation<?>> ops = new ArrayList<>();
        Thread flipper = Thread.ofPlatform().start(() -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            for (int i = 0; i < 300; i++) {
                governor.changeLimits(governor.limits().withMaxConcurrency(1 + r.nextInt(8))
                        .withMaxConcurrencyPerAgent(1 + r.nextInt(8)));
                Thread.onSpinWait();
            }
            governor.changeLimits(governor.limits().withMaxConcurrency(4).withMaxConcurrencyPerAgent(4));
        });
        for (int i = 0; i < 2000; i++) {
            ops.add(governor.submit(OperationSpec.builder("a", ctx -> {
                int now = inside.incrementAndGet();
                maxInside.accumulateAndGet(now, Math::max);
                Thread.yield();
                inside.decrementAndGet();
                return null;
            }).build()));
        }
        flipper.join();
        ops.forEach(o -> o.result().join());
        assertThat(maxInside.get()).isLessThanOrEqualTo(8);
        assertThat(governor.stats().completedByStatus().get(OperationStatus.SUCCEEDED)).isEqualTo(2000);
    }
}
