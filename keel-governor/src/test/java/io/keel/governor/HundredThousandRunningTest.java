package io.keel.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * G2 at scale: 100,000 sleeping operations RUNNING at the same moment, under the module's -Xmx1g. Each
 * task waits on one shared latch, so "all running at once" is asserted, not hoped for.
 */
class HundredThousandRunningTest {

    private static final int N = 100_000;

    @Test
    void hundredThousandSleepingOperationsRunAtOnceAndAllComplete() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("run under -Xmx1g").isLessThanOrEqualTo(1100L * 1024 * 1024);
        Governor governor = Governor.builder()
                .limits(Limits.defaults().withMaxConcurrency(N).withMaxConcurrencyPerAgent(N).withQueueCapacity(N))
                .build();
        governor.registerAgent(AgentSpec.io("sleep"));
        CountDownLatch wake = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        OperationTask<Integer> sleeper = ctx -> {
            inside.incrementAndGet();
            if (!wake.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never woken");
            }
            return 1;
        };
        List<Operation<Integer>> ops = new ArrayList<>(N);
        for (int i = 0; i < N; i++) {
            ops.add(governor.submit(OperationSpec.builder("sleep", sleeper).build()));
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> inside.get() == N);
        assertThat(governor.stats().running()).isEqualTo(N);
        assertThat(ops.stream().filter(o -> o.status() == OperationStatus.RUNNING).count()).isEqualTo(N);
        wake.countDown();
        long sum = 0;
        for (Operation<Integer> op : ops) {
            sum += op.result().get(120, TimeUnit.SECONDS);
        }
        assertThat(sum).isEqualTo(N);
        GovernorInvariants.assertQuiet(governor);
        GovernorInvariants.assertShutdownClean(governor);
    }
}
