package io.keel.bench.monitor;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The same cycle as {@link AlertEvaluationBenchmark}, timed as thread CPU time (ThreadMXBean) rather than
 * wall time, so a crowded machine's scheduling does not inflate it. Usage:
 * {@code java ... io.keel.bench.monitor.AlertEvaluationCpu [cycles=5000]}
 */
public final class AlertEvaluationCpu {

    public static void main(String[] args) {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        var threads = ManagementFactory.getThreadMXBean();
        for (String signals : new String[] {"last", "mixed"}) {
            AlertEvaluationBenchmark b = new AlertEvaluationBenchmark();
            b.signals = signals;
            b.setUp();
            for (int i = 0; i < cycles; i++) {
                b.feedOnce();
                b.evaluateOnly();
                b.bareFeedAndCompare();
            }
            long feed = 0;
            long eval = 0;
            long bare = 0;
            int events = 0;
            for (int i = 0; i < cycles; i++) {
                long t0 = threads.getCurrentThreadCpuTime();
                b.feedOnce();
                long t1 = threads.getCurrentThreadCpuTime();
                events += b.evaluateOnly();
                long t2 = threads.getCurrentThreadCpuTime();
                b.bareFeedAndCompare();
                long t3 = threads.getCurrentThreadCpuTime();
                feed += t1 - t0;
                eval += t2 - t1;
                bare += t3 - t2;
            }
            System.out.printf(Locale.ROOT,
                    "signals=%s: evaluate 200 rules x 500 series %.1f us CPU/cycle; feed 500 samples %.1f us; "
                            + "bare map+compare %.1f us; %.2f notifications/cycle%n",
                    signals, eval / 1e3 / cycles, feed / 1e3 / cycles, bare / 1e3 / cycles, (double) events / cycles);
        }
    }
}
