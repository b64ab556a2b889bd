package io.keel.monitor;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The monitor: one object that samples the system, keeps the history, evaluates alert rules, watches
 * heap pressure and writes the performance report. It owns no thread: the host runs {@link #jobs()} on
 * its scheduler (or calls {@link #start(ScheduledExecutorService)}).
 *
 * <p>A tick = sample the system → record sampler values, tracked suppliers and selected registry meters
 * into the history at the clock's now → evaluate the alert rules. Ticks are serialised by a lock, so the
 * history sees samples in time order.
 */
public final class Monitor implements AutoCloseable {

    private final InstantSource clock;
    private final History history;
    private final Alerts alerts;
    private final SystemSampler sampler;
    private final Duration tickInterval;
    private final MemoryManager memory;
    private final Duration memoryInterval;
    private final MeterRecorder meterRecorder;
    private final Suggestions suggestions;
    private final Trends trends;
    private final Duration trendWindow;
    private final Duration findingsWindow;
    private final Forecaster forecaster;
    private final List<String> trendSeries;
    private final Map<SeriesKey, DoubleSupplier> tracked = new ConcurrentHashMap<>();
    private final ReentrantLock tickLock = new ReentrantLock();
    private final ExecutorService ownedNotifier;
    private final List<ScheduledFuture<?>> started = new ArrayList<>();

    private Monitor(Builder b) {
        this.clock = b.clock;
        this.history = new History(b.historyConfig);
        this.ownedNotifier = b.notifier == null
                ? Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("keel-monitor-notify-", 0).factory())
                : null;
        this.alerts = new Alerts(b.rules, history, clock, b.notifier != null ? b.notifier : ownedNotifier,
                b.staleAfter, b.recentAlerts);
        if (b.logAlerts) {
            alerts.addListener(new LogNotifier());
        }
        b.listeners.forEach(alerts::addListener);
        this.sampler = b.samplerConfig == null ? null : new SystemSampler(b.samplerConfig, b.nanoTime);
        this.tickInterval = b.samplerConfig == null ? b.tickInterval : b.samplerConfig.interval();
        if (sampler != null && b.registry != null) {
            sampler.bindTo(b.registry);
        }
        this.memory = new MemoryManager(b.memoryConfig, b.heap, clock, b.gc);
        this.memoryInterval = b.memoryInterval;
        this.meterRecorder = b.registry != null && b.meterFilter != null ? new MeterRecorder(b.registry, b.meterFilter) : null;
        this.suggestions = b.suggestions;
        this.trends = b.trends;
        this.trendWindow = b.trendWindow;
        this.findingsWindow = b.findingsWindow;
        this.forecaster = new Forecaster(history, b.forecastLookback);
        this.trendSeries = List.copyOf(b.trendSeries);
    }

    public static Builder builder() {
        return new Builder();
    }

    public History history() {
        return history;
    }

    public Alerts alerts() {
        return alerts;
    }

    public MemoryManager memory() {
        return memory;
    }

    public Optional<SystemSampler> sampler() {
        return Optional.ofNullable(sampler);
    }

    /** The latest sampled system values for the performance summary; empty without a sampler. */
    public Optional<SystemSnapshot> system() {
        return sampler == null ? Optional.empty() : Optional.of(SystemSnapshot.of(sampler));
    }

    /** Records {@code supplier}'s value into series {@code key} on every tick (e.g. the server's p95 latency). */
    public void track(SeriesKey key, DoubleSupplier supplier) {
        tracked.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(supplier, "supplier"));
    }

    public void untrack(SeriesKey key) {
        tracked.remove(key);
    }

    /** Records one value now, for series the host pushes rather than has polled. */
    public boolean record(SeriesKey key, double value) {
        return history.record(key, clock.millis(), value);
    }

    /** One tick: sample, record, evaluate. Returns the alert notifications it caused. */
    public List<AlertEvent> tick() {
        tickLock.lock();
        try {
            if (sampler != null) {
                sampler.sample();
            }
            long now = clock.millis();
            if (sampler != null) {
                sampler.forEach((k, v) -> history.record(k, now, v));
            }
            tracked.forEach((k, s) -> history.record(k, now, s.getAsDouble()));
            if (meterRecorder != null) {
                meterRecorder.recordInto(history, now);
            }
        } finally {
            tickLock.unlock();
        }
        return alerts.evaluate();
    }

    /** The memory-pressure job: clean-ups if the heap is above the threshold. */
    public Optional<CleanupReport> checkMemory() {
        return memory.check();
    }

    /** Jobs for the host's maintenance scheduler: {@code monitor.tick} and {@code monitor.memory}. */
    public List<MonitorJob> jobs() {
        return List.of(new MonitorJob("monitor.tick", tickInterval, this::tick),
                new MonitorJob("monitor.memory", memoryInterval, this::checkMemory));
    }

    /** For library use without a host scheduler: runs the jobs at their intervals until {@link #close()}. */
    public void start(ScheduledExecutorService scheduler) {
        for (MonitorJob job : jobs()) {
            long ms = job.interval().toMillis();
            started.add(scheduler.scheduleAtFixedRate(() -> {
                try {
                    job.task().run();
                } catch (RuntimeException e) {
                    System.getLogger(Monitor.class.getName()).log(System.Logger.Level.WARNING,
                            "monitor job " + job.name() + " failed", e);
                }
            }, ms, ms, TimeUnit.MILLISECONDS));
        }
    }

    /** Trends over the trend window for the configured series names (every tag set). */
    public List<Trend> trends() {
        Instant now = clock.instant();
        List<Trend> out = new ArrayList<>();
        for (String name : trendSeries) {
            for (SeriesKey key : history.seriesNamed(name)) {
                Trend t = trends.of(history.window(key, trendWindow, now));
                out.add(key.tags().isEmpty() ? t : new Trend(key.toString(), t.direction(), t.slopePerSecond(),
                        t.confidence(), t.change(), t.mean(), t.samples(), t.windowSeconds()));
            }
        }
        return out;
    }

    public List<Forecast> forecasts() {
        return forecaster.standard(clock.instant());
    }

    public Forecast forecast(String resource, SeriesKey key, double limit) {
        return forecaster.exhaustion(resource, key, limit, clock.instant());
    }

    public List<Suggestion> suggestions() {
        return suggestions.evaluate(Findings.from(history, findingsWindow, clock.instant()));
    }

    public CapacityPlan capacity(CostPerRequest cost, CapacityTarget target) {
        return CapacityPlanner.plan(cost, target);
    }

    /** Trends, forecasts, suggestions and (if {@code cost} and {@code target} are given) the plan. */
    public CapacityReport capacityReport(CostPerRequest cost, CapacityTarget target) {
        return new CapacityReport(clock.instant(), trends(), forecasts(), suggestions(),
                cost == null || target == null ? null : CapacityPlanner.plan(cost, target));
    }

    /**
     * Cost per request measured over the last {@code window} of history: CPU from the process CPU series
     * (× cores), memory per in-flight request from mean heap above its window minimum (the post-GC floor
     * stands in for the idle heap). The host supplies what only it counts: requests completed, mean
     * requests in flight and DB connection-seconds in the window.
     */
    public Optional<CostPerRequest> measuredCost(Duration window, long requests, double meanInFlight,
                                                 double connectionBusySeconds) {
        Instant now = clock.instant();
        WindowStats cpu = history.stats(new SeriesKey(MonitorSeries.PROCESS_CPU, Map.of()), window, now);
        WindowStats heap = history.stats(new SeriesKey(MonitorSeries.HEAP_USED, Map.of()), window, now);
        if (cpu.isEmpty() || requests <= 0) {
            return Optional.empty();
        }
        double cpuSeconds = cpu.avg() * Runtime.getRuntime().availableProcessors() * window.toNanos() / 1e9;
        double working = heap.isEmpty() ? 0 : heap.avg();
        double idle = heap.isEmpty() ? 0 : heap.min();
        return Optional.of(CostPerRequest.measure(window, requests, cpuSeconds, meanInFlight, working, idle,
                connectionBusySeconds));
    }

    /** The performance report (I11); {@link ReportJson} writes it. */
    public PerformanceReport report(ReportOptions options) {
        Instant now = clock.instant();
        Map<String, Double> system = new TreeMap<>();
        if (sampler != null) {
            sampler.forEach((k, v) -> {
                if (!Double.isNaN(v)) {
                    system.put(k.toString(), v);
                }
            });
        }
        List<HistoryWindow> windows = new ArrayList<>();
        if (!options.historyLookback().isZero()) {
            for (SeriesKey key : history.keys()) {
                if (options.historySeries().test(key.name())) {
                    windows.add(history.window(key, options.historyLookback(), now));
                }
            }
            windows.sort(java.util.Comparator.comparing(w -> w.series() + w.tags()));
        }
        CapacityPlan plan = options.capacityCost() == null ? null
                : CapacityPlanner.plan(options.capacityCost(), options.capacityTarget());
        return new PerformanceReport(now, system, alerts.all(), trends(), forecasts(), suggestions(), plan,
                memory.reports(), windows, options.sections());
    }

    @Override
    public void close() {
        started.forEach(f -> f.cancel(false));
        if (sampler != null) {
            sampler.close();
        }
        if (ownedNotifier != null) {
            ownedNotifier.shutdown();
        }
    }

    /** Builder; every setting has a production default, tests replace clock, notifier and heap. */
    public static final class Builder {
        private MeterRegistry registry;
        private InstantSource clock = InstantSource.system();
        private LongSupplier nanoTime = System::nanoTime;
        private SamplerConfig samplerConfig = SamplerConfig.defaults();
        private Duration tickInterval = Duration.ofSeconds(1);
        private HistoryConfig historyConfig = HistoryConfig.defaults();
        private List<AlertRule> rules = DefaultAlertRules.all();
        private Duration staleAfter = Duration.ofMinutes(2);
        private int recentAlerts = 100;
        private java.util.concurrent.Executor notifier;
        private final List<AlertListener> listeners = new ArrayList<>();
        private boolean logAlerts = true;
        private MemoryManagerConfig memoryConfig = MemoryManagerConfig.defaults();
        private Supplier<HeapReading> heap = HeapReading.jvm();
        private Runnable gc = System::gc;
        private Duration memoryInterval = Duration.ofSeconds(5);
        private Predicate<Meter.Id> meterFilter;
        private Suggestions suggestions = Suggestions.defaults();
        private Trends trends = Trends.defaults();
        private Duration trendWindow = Duration.ofMinutes(15);
        private Duration findingsWindow = Duration.ofMinutes(5);
        private Duration forecastLookback = Duration.ofHours(6);
        private List<String> trendSeries = List.of(MonitorSeries.SYSTEM_CPU, MonitorSeries.PROCESS_CPU,
                MonitorSeries.MEMORY_USAGE, MonitorSeries.HEAP_USAGE, MonitorSeries.DISK_FREE_RATIO,
                MonitorSeries.THROUGHPUT, MonitorSeries.LATENCY_P95, MonitorSeries.ERROR_RATIO,
                MonitorSeries.DB_POOL_USAGE, MonitorSeries.QUEUE_WAIT_P95);

        private Builder() {
        }

        /** Where the {@code keel.system.*} gauges (and JVM binders) go; also the source for {@link #recordMeters}. */
        public Builder registry(MeterRegistry r) {
            this.registry = r;
            return this;
        }

        public Builder clock(InstantSource c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        public Builder nanoTime(LongSupplier n) {
            this.nanoTime = Objects.requireNonNull(n);
            return this;
        }

        public Builder sampler(SamplerConfig c) {
            this.samplerConfig = Objects.requireNonNull(c);
            return this;
        }

        /** No OSHI sampling (tests, or a host that samples elsewhere); ticks run at {@code interval}. */
        public Builder withoutSampler(Duration interval) {
            this.samplerConfig = null;
            this.tickInterval = Objects.requireNonNull(interval);
            return this;
        }

        public Builder history(HistoryConfig c) {
            this.historyConfig = Objects.requireNonNull(c);
            return this;
        }

        public Builder rules(List<AlertRule> r) {
            this.rules = List.copyOf(r);
            return this;
        }

        public Builder staleAfter(Duration d) {
            this.staleAfter = d;
            return this;
        }

        public Builder recentAlerts(int n) {
            this.recentAlerts = n;
            return this;
        }

        /** Runs alert listeners; default: a virtual thread per notification. */
        public Builder notifier(java.util.concurrent.Executor e) {
            this.notifier = e;
            return this;
        }

        public Builder listener(AlertListener l) {
            this.listeners.add(Objects.requireNonNull(l));
            return this;
        }

        /** Whether FIRED/RESOLVED also go to the log ({@link LogNotifier}); on by default. */
        public Builder logAlerts(boolean on) {
            this.logAlerts = on;
            return this;
        }

        public Builder memory(MemoryManagerConfig c, Supplier<HeapReading> heapReading, Runnable gcRequest) {
            this.memoryConfig = Objects.requireNonNull(c);
            this.heap = Objects.requireNonNull(heapReading);
            this.gc = Objects.requireNonNull(gcRequest);
            return this;
        }

        public Builder memoryInterval(Duration d) {
            this.memoryInterval = Objects.requireNonNull(d);
            return this;
        }

        /** Copies the registry's meters passing {@code filter} into the history each tick ({@link MeterRecorder}). */
        public Builder recordMeters(Predicate<Meter.Id> filter) {
            this.meterFilter = filter;
            return this;
        }

        public Builder suggestions(Suggestions s) {
            this.suggestions = Objects.requireNonNull(s);
            return this;
        }

        public Builder trends(Trends t, Duration window, List<String> seriesNames) {
            this.trends = Objects.requireNonNull(t);
            this.trendWindow = Objects.requireNonNull(window);
            this.trendSeries = List.copyOf(seriesNames);
            return this;
        }

        public Builder findingsWindow(Duration d) {
            this.findingsWindow = Objects.requireNonNull(d);
            return this;
        }

        public Builder forecastLookback(Duration d) {
            this.forecastLookback = Objects.requireNonNull(d);
            return this;
        }

        public Monitor build() {
            if (tickInterval.isNegative() || tickInterval.isZero()) {
                throw new IllegalArgumentException("tick interval must be positive, was " + tickInterval);
            }
            if (memoryInterval.isNegative() || memoryInterval.isZero()) {
                throw new IllegalArgumentException("memory interval must be positive, was " + memoryInterval);
            }
            if (meterFilter != null && registry == null) {
                throw new IllegalStateException("recordMeters needs a registry");
            }
            return new Monitor(this);
        }
    }
}
