package io.keel.bench.monitor;

import io.keel.monitor.Monitor;
import io.keel.monitor.SamplerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cost of the monitor at a 1 s interval, as process CPU with and without it in the same JVM. Phases
 * alternate (off, on, off, on, ...) so drift in background JVM work hits both alike. "On" runs the whole
 * Monitor tick: OSHI sampling, recording every sampled series into the history, evaluating the default
 * rules. Also reports the CPU time of the ticking thread alone (ThreadMXBean), which other processes on
 * a shared machine cannot disturb.
 *
 * <p>Usage: {@code java ... io.keel.bench.monitor.SamplingCost [secondsPerPhase=30] [pairs=3]}
 */
public final class SamplingCost {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = ManagementFactory.getThreadMXBean();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Monitor monitor = Monitor.builder().registry(registry)
                .sampler(SamplerConfig.defaults().withInterval(Duration.ofSeconds(1))).build();
        // warm-up: class loading, OSHI discovery and JIT of the tick path are start-up costs, not steady state
        for (int i = 0; i < 200; i++) {
            monitor.tick();
        }
        double offTotal = 0;
        double onTotal = 0;
        double tickThreadTotal = 0;
        long ticks = 0;
        for (int p = 0; p < pairs; p++) {
            offTotal += phase(os, seconds, null);
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
            long[] threadCpu = {0};
            long[] count = {0};
            Runnable tick = () -> {
                long start = threads.getCurrentThreadCpuTime();
                monitor.tick();
                threadCpu[0] += threads.getCurrentThreadCpuTime() - start;
                count[0]++;
            };
            scheduler.scheduleAtFixedRate(tick, 0, 1, TimeUnit.SECONDS);
            onTotal += phase(os, seconds, scheduler);
            scheduler.shutdown();
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
            tickThreadTotal += threadCpu[0] / 1e9;
            ticks += count[0];
        }
        double wall = (double) seconds * pairs;
        System.out.printf(Locale.ROOT, "phase %d s x %d pairs, %d ticks, %d cores%n", seconds, pairs, ticks,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "process CPU without monitor: %.3f %% of one core%n", offTotal / wall * 100);
        System.out.printf(Locale.ROOT, "process CPU with monitor:    %.3f %% of one core%n", onTotal / wall * 100);
        System.out.printf(Locale.ROOT, "difference:                  %.3f %% of one core%n", (onTotal - offTotal) / wall * 100);
        System.out.printf(Locale.ROOT, "tick thread CPU:             %.3f %% of one core (%.2f ms per tick)%n",
                tickThreadTotal / wall * 100, tickThreadTotal / ticks * 1000);
        System.out.printf(Locale.ROOT, "series in history: %d, gauges: %d%n", monitor.history().seriesCount(),
                registry.getMeters().size());
        monitor.close();
    }

    /** Process CPU seconds used during one phase of {@code seconds} wall seconds. */
    private static double phase(com.sun.management.OperatingSystemMXBean os, int seconds, Object unused)
            throws InterruptedException {
        long cpu0 = os.getProcessCpuTime();
        Thread.sleep(seconds * 1000L);
        return (os.getProcessCpuTime() - cpu0) / 1e9;
    }
}
