package io.keel.server.monitor;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.helidon.webserver.http.HttpRouting;
import io.keel.monitor.AlertEvent;
import io.keel.monitor.AlertRules;
import io.keel.monitor.AlertState;
import io.keel.monitor.Cleanup;
import io.keel.monitor.CleanupReport;
import io.keel.monitor.Monitor;
import io.keel.monitor.MonitorJob;
import io.keel.monitor.SamplerConfig;
import io.keel.monitor.WebhookConfig;
import io.keel.monitor.WebhookNotifier;
import io.keel.server.config.KeelConfig;
import io.keel.server.config.Setting;
import io.keel.server.feature.FeatureContext;
import io.keel.server.feature.MemoryCleanups;
import io.keel.server.feature.ServerFeature;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The monitor inside the server: OSHI sampling into the server's registry ({@code keel.system.*} on
 * /metrics), the governor's series fed from the performance tracker, alert rules (defaults plus
 * {@code KEEL_ALERT_RULES_FILE}) notifying the log and {@code KEEL_ALERT_WEBHOOK_URL}, and its jobs on the
 * maintenance scheduler so {@code GET /api/v1/maintenance/jobs} lists them.
 *
 * <p>Rules and webhook are read in the constructor, so a bad file or URL stops the server from starting with
 * a message naming the setting. The maintenance scheduler checks its jobs once a second; a shorter
 * {@code KEEL_MONITOR_INTERVAL_MS} gets a ticker of its own that asks the scheduler to run the tick job now
 * (the job's lock keeps runs from overlapping, and its status stays in one place).
 */
public final class MonitorFeature implements ServerFeature {

    static final String TICK_JOB = "monitor.tick";
    private static final Duration SCHEDULER_TICK = Duration.ofSeconds(1);

    private final KeelConfig config;
    private final List<Map<String, Object>> ruleMaps;
    private final WebhookConfig webhook;
    private final MeterRegistry registry;
    private ScheduledExecutorService retries;
    private ScheduledExecutorService ticker;
    private HttpClient httpClient;
    private Monitor monitor;
    private MonitorRoutes routes;

    public MonitorFeature(KeelConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
        this.ruleMaps = AlertRulesFile.read(config.alertRulesFile());
        AlertRules.defaultsWith(ruleMaps); // validate now: a bad rule stops the start, naming rule and field
        this.webhook = webhook(config.alertWebhookUrl());
    }

    private static WebhookConfig webhook(String url) {
        if (url == null) {
            return null;
        }
        try {
            return WebhookConfig.fromConfig(Map.of("url", url));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Setting.ALERT_WEBHOOK_URL.envName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "monitor";
    }

    @Override
    public void start(FeatureContext context) {
        Monitor.Builder builder = Monitor.builder()
                .registry(registry)
                .clock(context.clock())
                // the server binds the Micrometer JVM binders itself; binding them twice would clash
                .sampler(SamplerConfig.defaults().withInterval(config.monitorInterval()).withJvmBinders(false))
                .rules(AlertRules.defaultsWith(ruleMaps))
                .recordMeters(id -> id.getName().startsWith("keel.") && !id.getName().startsWith("keel.system."));
        if (webhook != null) {
            retries = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("keel-alert-webhook").daemon(true).factory());
            httpClient = HttpClient.newBuilder().connectTimeout(webhook.requestTimeout()).build();
            builder.listener(new WebhookNotifier(webhook, httpClient, retries));
        }
        monitor = builder.build();
        // every clean-up a feature offers (before or after this start) runs under heap pressure (G7)
        context.cleanups().forEach((name, cleanup) -> monitor.memory().register(name, () -> {
            MemoryCleanups.Freed freed = cleanup.run();
            return new Cleanup.Freed(freed.bytes(), freed.entries());
        }));
        ServerSeries series = new ServerSeries(monitor, context.governor(), context.performance(), registry);
        context.performance().extendSystem(new SystemSection(monitor::system));
        for (MonitorJob job : monitor.jobs()) {
            if (job.name().equals(TICK_JOB)) {
                context.scheduler().register(job.name(), job.interval(), () -> {
                    series.refresh();
                    return tickOutcome(monitor.tick());
                });
            } else {
                context.scheduler().register(job.name(), job.interval(), () -> memoryOutcome(monitor.checkMemory()));
            }
        }
        series.refresh();
        monitor.tick();
        if (config.monitorInterval().compareTo(SCHEDULER_TICK) < 0) {
            ticker = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("keel-monitor-ticker").daemon(true).factory());
            long ms = config.monitorIntervalMs();
            ticker.scheduleWithFixedDelay(() -> context.scheduler().runNow(TICK_JOB), ms, ms, TimeUnit.MILLISECONDS);
        }
        routes = new MonitorRoutes(monitor, context.performance(), context.scheduler(), context.governor(),
                context.clock());
    }

    private String tickOutcome(List<AlertEvent> events) {
        long firing = monitor.alerts().active().stream().filter(a -> a.state() == AlertState.FIRING).count();
        StringBuilder outcome = new StringBuilder("sampled; " + firing + " alert(s) firing");
        for (AlertEvent e : events) {
            outcome.append("; ").append(e.type().name().toLowerCase(java.util.Locale.ROOT)).append(' ')
                    .append(e.alert().rule());
        }
        return outcome.toString();
    }

    private static String memoryOutcome(Optional<CleanupReport> report) {
        if (report.isEmpty()) {
            return "heap below threshold";
        }
        CleanupReport r = report.get();
        long freed = r.outcomes().stream().mapToLong(CleanupReport.Outcome::bytesFreed).sum();
        return String.format(java.util.Locale.ROOT, "heap %.0f%% -> %.0f%%, %d clean-up(s) freed %d bytes",
                r.usageBefore() * 100, r.usageAfter() * 100, r.outcomes().size(), freed);
    }

    @Override
    public void routes(HttpRouting.Builder routing) {
        if (routes != null) {
            routes.register(routing);
        }
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (monitor != null) {
            monitor.close();
        }
        if (retries != null) {
            retries.shutdownNow();
        }
        if (httpClient != null) {
            httpClient.close();
        }
    }
}
