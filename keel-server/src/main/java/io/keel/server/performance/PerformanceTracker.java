package io.keel.server.performance;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

import io.keel.governor.AgentStats;
import io.keel.governor.Governor;
import io.keel.governor.GovernorStats;
import io.keel.governor.OperationEvent;
import io.keel.governor.OperationListener;
import io.keel.governor.OperationSnapshot;
import io.keel.governor.OperationStatus;

/**
 * The numbers behind {@code GET /api/v1/performance/summary}: live counts from the governor, and from the
 * terminal events it publishes, per agent, the end-to-end latency (created to finished) and throughput over
 * the last {@link #WINDOW}. The monitor capability will extend this.
 */
public final class PerformanceTracker implements OperationListener {

    public static final Duration WINDOW = Duration.ofSeconds(10);

    private final Governor governor;
    private final InstantSource clock;
    private final LongSupplier nanoTime;
    private final Path dataDir;
    private final long startedNanos;
    private final ConcurrentHashMap<String, AgentCounters> perAgent = new ConcurrentHashMap<>();
    private final LatencyWindow overall = new LatencyWindow(WINDOW.toNanos());
    private volatile UnaryOperator<Map<String, Object>> systemExtension = UnaryOperator.identity();

    private static final class AgentCounters {
        final LatencyWindow window = new LatencyWindow(WINDOW.toNanos());
        final Map<OperationStatus, LongAdder> byStatus = new EnumMap<>(OperationStatus.class);

        AgentCounters() {
            for (OperationStatus status : OperationStatus.values()) {
                byStatus.put(status, new LongAdder());
            }
        }

        long count(OperationStatus status) {
            return byStatus.get(status).sum();
        }
    }

    public PerformanceTracker(Governor governor, InstantSource clock, LongSupplier nanoTime, Path dataDir) {
        this.governor = governor;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.dataDir = dataDir;
        this.startedNanos = nanoTime.getAsLong();
    }

    @Override
    public void onEvent(OperationEvent event) {
        if (event.type() != OperationEvent.Type.FINISHED) {
            return;
        }
        OperationSnapshot s = event.snapshot();
        AgentCounters counters = perAgent.computeIfAbsent(s.agent(), k -> new AgentCounters());
        counters.byStatus.get(s.status()).increment();
        if (s.finishedAt() != null && s.createdAt() != null) {
            long micros = Duration.between(s.createdAt(), s.finishedAt()).toNanos() / 1000;
            counters.window.record(micros);
            overall.record(micros);
        }
    }

    /**
     * Lets a feature (the monitor) enrich the summary's {@code system} section: it gets the section as built
     * here and returns the one to show, keeping every field.
     */
    public void extendSystem(UnaryOperator<Map<String, Object>> extension) {
        this.systemExtension = java.util.Objects.requireNonNull(extension, "extension");
    }

    public Map<String, Object> summary() {
        long now = nanoTime.getAsLong();
        double windowSeconds = Math.max(1.0, Math.min(WINDOW.toNanos(), now - startedNanos) / 1e9);
        GovernorStats stats = governor.stats();
        Map<String, AgentStats> live = stats.perAgent();
        TreeMap<String, Object> names = new TreeMap<>();
        live.keySet().forEach(name -> names.put(name, name));
        perAgent.keySet().forEach(name -> names.put(name, name));

        List<Map<String, Object>> agents = new ArrayList<>();
        for (String name : names.keySet()) {
            AgentCounters counters = perAgent.get(name);
            AgentStats agentStats = live.get(name);
            LatencyWindow.View view = counters == null ? new LatencyWindow.View(0, 0, 0, 0) : counters.window.view(now);
            long succeeded = counters == null ? 0 : counters.count(OperationStatus.SUCCEEDED);
            long failed = counters == null ? 0
                    : counters.count(OperationStatus.FAILED) + counters.count(OperationStatus.TIMED_OUT);
            long count = agentStats != null ? agentStats.completed()
                    : counters == null ? 0 : counters.byStatus.values().stream().mapToLong(LongAdder::sum).sum();
            Map<String, Object> agent = new LinkedHashMap<>();
            agent.put("agent", name);
            agent.put("count", count);
            agent.put("successRate", succeeded + failed == 0 ? 1.0 : (double) succeeded / (succeeded + failed));
            agent.put("throughputPerSec", view.count() / windowSeconds);
            agent.put("p50Ms", view.p50Ms());
            agent.put("p95Ms", view.p95Ms());
            agent.put("p99Ms", view.p99Ms());
            agent.put("running", agentStats == null ? 0 : agentStats.running());
            agent.put("queued", agentStats == null ? 0 : agentStats.queued());
            agents.add(agent);
        }

        Map<OperationStatus, Long> done = stats.completedByStatus();
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("count", done.values().stream().mapToLong(Long::longValue).sum());
        totals.put("running", stats.running());
        totals.put("queued", stats.queued());
        totals.put("succeeded", done.getOrDefault(OperationStatus.SUCCEEDED, 0L));
        totals.put("failed", done.getOrDefault(OperationStatus.FAILED, 0L)
                + done.getOrDefault(OperationStatus.TIMED_OUT, 0L));
        LatencyWindow.View all = overall.view(now);
        totals.put("throughputPerSec", all.count() / windowSeconds);
        totals.put("p50Ms", all.p50Ms());
        totals.put("p95Ms", all.p95Ms());
        totals.put("p99Ms", all.p99Ms());

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("at", clock.instant());
        summary.put("totals", totals);
        summary.put("agents", agents);
        summary.put("system", systemExtension.apply(system()));
        return summary;
    }

    private Map<String, Object> system() {
        Map<String, Object> system = new LinkedHashMap<>();
        double cpu = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            cpu = os.getCpuLoad();
        }
        system.put("cpu", cpu < 0 || Double.isNaN(cpu) ? 0.0 : cpu);
        Runtime runtime = Runtime.getRuntime();
        system.put("memory", Map.of("usedBytes", runtime.totalMemory() - runtime.freeMemory(),
                "maxBytes", runtime.maxMemory()));
        long free = 0;
        long total = 0;
        try {
            Path existing = dataDir.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing != null) {
                FileStore store = Files.getFileStore(existing);
                free = store.getUsableSpace();
                total = store.getTotalSpace();
            }
        } catch (IOException e) {
            // reported as zero: the disk figures are informative only
        }
        system.put("disk", Map.of("freeBytes", free, "totalBytes", total));
        return system;
    }
}
