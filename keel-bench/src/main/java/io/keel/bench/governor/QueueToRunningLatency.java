package io.keel.bench.governor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.HdrHistogram.Histogram;

import io.keel.governor.AgentSpec;
import io.keel.governor.Governor;
import io.keel.governor.Limits;
import io.keel.governor.Operation;
import io.keel.governor.OperationSpec;

/**
 * 1,000 concurrent {@code sleep} operations: how long from submit to the task actually running
 * (queued-to-running), measured inside the task with System.nanoTime, into an HdrHistogram. Several rounds
 * after a warm-up round. Run: {@code java -cp ... io.keel.bench.governor.QueueToRunningLatency [rounds] [sleepMs]}.
 */
public final class QueueToRunningLatency {

    private static final int CONCURRENT = 1_000;

    private QueueToRunningLatency() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        long sleepMs = args.length > 1 ? Long.parseLong(args[1]) : 100;
        Governor governor = Governor.builder()
                .limits(Limits.defaults().withMaxConcurrency(CONCURRENT).withMaxConcurrencyPerAgent(CONCURRENT))
                .build();
        governor.registerAgent(AgentSpec.io("sleep"));
        Histogram all = new Histogram(3);
        for (int round = 0; round <= rounds; round++) {
            Histogram h = round(governor, sleepMs);
            if (round > 0) { // round 0 warms up
                all.add(h);
            }
        }
        System.out.printf("queued-to-running over %d rounds of %d concurrent sleep(%d ms) operations:%n",
                rounds, CONCURRENT, sleepMs);
        System.out.printf("  p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms (n=%d)%n",
                all.getValueAtPercentile(50) / 1e6, all.getValueAtPercentile(99) / 1e6,
                all.getValueAtPercentile(99.9) / 1e6, all.getMaxValue() / 1e6, all.getTotalCount());
        governor.shutdown(Duration.ofSeconds(10));
    }

    private static Histogram round(Governor governor, long sleepMs) throws Exception {
        Histogram h = new Histogram(3);
        CountDownLatch done = new CountDownLatch(CONCURRENT);
        List<Operation<Object>> ops = new ArrayList<>(CONCURRENT);
        for (int i = 0; i < CONCURRENT; i++) {
            long submitted = System.nanoTime();
            ops.add(governor.submit(OperationSpec.builder("sleep", ctx -> {
                long waited = System.nanoTime() - submitted;
                synchronized (h) {
                    h.recordValue(waited);
                }
                Thread.sleep(sleepMs);
                done.countDown();
                return null;
            }).build()));
        }
        done.await();
        for (Operation<Object> op : ops) {
            op.result().join();
        }
        return h;
    }
}
