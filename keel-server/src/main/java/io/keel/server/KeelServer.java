package io.keel.server;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.helidon.webserver.WebServer;
import io.keel.governor.Governor;
import io.keel.governor.GovernorBuilder;
import io.keel.governor.Limits;
import io.keel.governor.Subscription;
import io.keel.server.agents.AgentRegistry;
import io.keel.server.config.KeelConfig;
import io.keel.server.edge.ApiKeys;
import io.keel.server.edge.EdgeSetup;
import io.keel.server.edge.RateLimiter;
import io.keel.server.feature.FeatureContext;
import io.keel.server.feature.MemoryCleanups;
import io.keel.server.feature.ServerFeature;
import io.keel.server.feature.ServerFeatures;
import io.keel.server.http.ErrorHandling;
import io.keel.server.http.KeelHttp;
import io.keel.server.http.ServerState;
import io.keel.server.operations.DurableRecordsInterceptor;
import io.keel.server.operations.IdempotencyGuard;
import io.keel.server.operations.OperationEventHub;
import io.keel.server.operations.OperationIds;
import io.keel.server.operations.OperationService;
import io.keel.server.operations.RecordMapper;
import io.keel.server.operations.RecordWriter;
import io.keel.server.operations.Recovery;
import io.keel.server.performance.PerformanceTracker;
import io.keel.server.records.OperationRecordStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * A running Keel server: the composition root (DESIGN.md). It wires the governor (durable records as an
 * interceptor, record upkeep and live views as listeners), recovers this node's unfinished work, starts
 * maintenance and the Helidon web server; {@link #stop()} undoes it in the order that loses nothing.
 *
 * <pre>{@code
 * KeelServer server = KeelServer.start(ConfigLoader.load(null, System.getenv(), Map.of()));
 * System.out.println(server.url());
 * server.stop();
 * }</pre>
 */
public final class KeelServer implements AutoCloseable {

    /** How long this node's claim on its unfinished records lasts unless renewed. */
    public static final Duration LEASE = Duration.ofSeconds(60);

    private static final Logger LOG = System.getLogger(KeelServer.class.getName());

    /**
     * Finished operations the governor keeps findable. The server answers for finished ones from the record
     * store (whose write lane holds what is not yet committed), so a short window is enough; the governor's
     * library default of 10,000 kept about 10 MB of operations, inputs and results alive under load, and each
     * young collection copied them (docs/benchmarks/server.md).
     */
    private static final int RECENT_FINISHED = 1_024;

    /** Room for multipart boundaries and part headers around a file of the largest allowed size. */
    private static final long MULTIPART_OVERHEAD_BYTES = 64 * 1024;

    private final KeelConfig config;
    private final String nodeId;
    private final Persistence persistence;
    private final Governor governor;
    private final PrometheusMeterRegistry registry;
    private final List<Subscription> subscriptions;
    private final Maintenance maintenance;
    private final ServerState state;
    private final WebServer webServer;
    private final Recovery.Outcome recovered;
    private final JvmGcMetrics gcMetrics;
    private final List<ServerFeature> features;
    private final MemoryCleanups cleanups;
    private final RateLimiter rateLimiter;

    private KeelServer(Builder b) {
        this.config = b.config;
        this.nodeId = b.nodeId;
        this.persistence = b.persistence;
        this.governor = b.governor;
        this.registry = b.registry;
        this.subscriptions = b.subscriptions;
        this.maintenance = b.maintenance;
        this.state = b.state;
        this.webServer = b.webServer;
        this.recovered = b.recovered;
        this.gcMetrics = b.gcMetrics;
        this.features = b.features;
        this.cleanups = b.cleanups;
        this.rateLimiter = b.rateLimiter;
    }

    /** Starts with the records database the configuration names. */
    public static KeelServer start(KeelConfig config) {
        return start(config, (c, registry) -> DefaultPersistence.open(c, registry));
    }

    /**
     * Starts with the given persistence (tests use an in-memory store).
     *
     * @throws IllegalStateException when the configuration may not start (see {@link KeelConfig#requireStartable()})
     */
    public static KeelServer start(KeelConfig config, Function<KeelConfig, Persistence> persistenceFactory) {
        return start(config, (c, registry) -> persistenceFactory.apply(c));
    }

    /** Starts with persistence made from the configuration and the server's meter registry. */
    public static KeelServer start(KeelConfig config, BiFunction<KeelConfig, MeterRegistry, Persistence> persistenceFactory) {
        config.requireStartable();
        Builder b = new Builder();
        b.config = config;
        b.nodeId = NodeIdentity.resolve(config.nodeId(), config.dataDir());
        InstantSource clock = InstantSource.tick(InstantSource.system(), Duration.ofNanos(1000));
        b.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        bindJvmMetrics(b);
        try {
            b.persistence = persistenceFactory.apply(config, b.registry);
            wire(b, clock);
        } catch (RuntimeException e) {
            b.abort();
            throw e;
        }
        KeelServer server = new KeelServer(b);
        LOG.log(Level.INFO, "Keel node {0} listening on {1} ({2})", b.nodeId, server.url(), config);
        return server;
    }

    private static void wire(Builder b, InstantSource clock) {
        KeelConfig config = b.config;
        OperationRecordStore store = b.persistence.store();
        RecordMapper mapper = new RecordMapper(b.nodeId, clock, LEASE);
        IdempotencyGuard idempotency = new IdempotencyGuard();
        OperationIds ids = new OperationIds(clock);
        b.features = ServerFeatures.create(config, b.registry);
        GovernorBuilder governorBuilder = Governor.builder()
                .limits(limits(config))
                .meterRegistry(b.registry)
                .clock(clock)
                .idGenerator(ids::next)
                .recentFinished(RECENT_FINISHED)
                .addInterceptor(new DurableRecordsInterceptor(store, mapper, idempotency));
        b.features.forEach(feature -> feature.configureGovernor(governorBuilder));
        b.governor = governorBuilder.build();
        AgentRegistry agents = AgentRegistry.builtIns();
        agents.registerWith(b.governor);
        OperationService operations = new OperationService(b.governor, store, agents, mapper, idempotency, ids, clock);
        OperationEventHub events = new OperationEventHub();
        PerformanceTracker performance = new PerformanceTracker(b.governor, clock, System::nanoTime, config.dataDir());
        b.subscriptions.add(b.governor.subscribe(
                new RecordWriter(b.governor, store, mapper, System::nanoTime, Duration.ofSeconds(1))));
        b.subscriptions.add(b.governor.subscribe(events));
        b.subscriptions.add(b.governor.subscribe(performance));
        b.recovered = new Recovery(store, operations, mapper).run();
        b.maintenance = Maintenance.start(config, b.nodeId, store, clock, LEASE);
        FeatureContext context = new FeatureContext(config, b.nodeId, b.governor, agents, b.registry,
                b.maintenance.scheduler(), clock, b.persistence, performance, b.cleanups);
        b.features.forEach(feature -> feature.start(context));

        b.state = new ServerState();
        ServerState state = b.state;
        Gauge.builder("keel.server.ready", () -> state.isShuttingDown() ? 0 : 1)
                .description("1 while the server accepts work, 0 once shutdown began")
                .tag("node", b.nodeId)
                .register(b.registry);
        b.rateLimiter = EdgeSetup.rateLimiter(config);
        RateLimiter limiter = b.rateLimiter;
        Persistence persistence = b.persistence;
        Maintenance maintenance = b.maintenance;
        KeelHttp http = new KeelHttp(b.governor, agents, operations, mapper, events, performance,
                maintenance::jobs, b.registry, limiter, state, persistence::isUp, config.maxInputBytes(),
                config.maxTimeoutMs(), b.features, ApiKeys.parse(config.apiKeys()));
        b.webServer = EdgeSetup.connectionLimits(WebServer.builder())
                .host(config.host())
                .port(config.port())
                .shutdownHook(false)
                // file uploads have their own, larger limit; the operations API still enforces maxInputBytes itself
                .maxPayloadSize(Math.max(config.maxInputBytes(), config.filesMaxBytes() + MULTIPART_OVERHEAD_BYTES))
                .directHandlers(ErrorHandling.directHandlers(config.maxInputBytes()))
                .routing(http::configure)
                .build()
                .start();
    }

    static Limits limits(KeelConfig config) {
        return Limits.defaults()
                .withMaxConcurrency(config.maxConcurrency())
                .withMaxConcurrencyPerAgent(config.maxConcurrencyPerAgent())
                .withMemoryBudgetBytes(config.memoryBudgetBytes())
                .withMaxInputBytes(config.maxInputBytes())
                .withMaxTimeout(config.maxTimeout())
                .withDefaultTimeout(config.defaultTimeout())
                .withQueueCapacity(config.queueCapacity());
    }

    private static void bindJvmMetrics(Builder b) {
        new ClassLoaderMetrics().bindTo(b.registry);
        new JvmMemoryMetrics().bindTo(b.registry);
        b.gcMetrics = new JvmGcMetrics();
        b.gcMetrics.bindTo(b.registry);
        new JvmThreadMetrics().bindTo(b.registry);
        new ProcessorMetrics().bindTo(b.registry);
        new UptimeMetrics().bindTo(b.registry);
    }

    public int port() {
        return webServer.port();
    }

    public String url() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port() + "/";
    }

    public String nodeId() {
        return nodeId;
    }

    public Governor governor() {
        return governor;
    }

    /** The memory clean-ups the features offered; the monitor runs them under heap pressure. */
    public MemoryCleanups memoryCleanups() {
        return cleanups;
    }

    public KeelConfig config() {
        return config;
    }

    public Recovery.Outcome recovered() {
        return recovered;
    }

    public boolean isShuttingDown() {
        return state.isShuttingDown();
    }

    /**
     * Graceful shutdown: readiness turns 503 at once, the governor stops admitting and lets running work
     * finish within the grace period (then cancels it), records are flushed, then the web server stops.
     * Idempotent; later callers return at once.
     */
    public void stop() {
        if (!state.beginShutdown()) {
            return;
        }
        try {
            governor.shutdown(config.shutdownGrace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "governor shutdown failed", e);
        }
        closeQuietly(maintenance);
        features.forEach(KeelServer::closeQuietly);
        subscriptions.forEach(Subscription::close);
        try {
            persistence.store().flush();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "flushing records failed", e);
        }
        webServer.stop();
        closeQuietly(rateLimiter);
        closeQuietly(persistence);
        closeQuietly(gcMetrics);
        registry.close();
    }

    @Override
    public void close() {
        stop();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "closing " + closeable + " failed", e);
        }
    }

    /** Collects the parts while they are made, so a failed start closes what it opened. */
    private static final class Builder {
        KeelConfig config;
        String nodeId;
        Persistence persistence;
        Governor governor;
        PrometheusMeterRegistry registry;
        final List<Subscription> subscriptions = new ArrayList<>();
        Maintenance maintenance;
        ServerState state;
        WebServer webServer;
        Recovery.Outcome recovered;
        JvmGcMetrics gcMetrics;
        List<ServerFeature> features = List.of();
        final MemoryCleanups cleanups = new MemoryCleanups();
        RateLimiter rateLimiter;

        void abort() {
            if (webServer != null) {
                webServer.stop();
            }
            closeQuietly(rateLimiter);
            closeQuietly(maintenance);
            features.forEach(KeelServer::closeQuietly);
            subscriptions.forEach(Subscription::close);
            if (governor != null) {
                try {
                    governor.shutdown(Duration.ZERO);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException ignored) {
                    // already failing; the original error is what matters
                }
            }
            closeQuietly(persistence);
            closeQuietly(gcMetrics);
            if (registry != null) {
                registry.close();
            }
        }
    }
}
