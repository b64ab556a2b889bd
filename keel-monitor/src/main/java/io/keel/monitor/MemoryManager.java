package io.keel.monitor;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Watches heap pressure and, above the threshold, runs the registered {@link Cleanup}s in registration
 * order, optionally requests a GC, and reports what each freed (G7, C3, C5).
 *
 * <p>States: ARMED → (usage ≥ threshold) run, DISARMED → (usage &lt; clearThreshold) ARMED. While disarmed
 * and still above the threshold it runs again only after the cooldown, so sustained pressure cannot make
 * it loop. Thread-safe: a check runs under a lock (clean-ups may block, hence ReentrantLock, not
 * synchronized); registrations are a copy-on-write list.
 */
public final class MemoryManager {

    private static final System.Logger LOG = System.getLogger(MemoryManager.class.getName());

    private final MemoryManagerConfig config;
    private final Supplier<HeapReading> heap;
    private final InstantSource clock;
    private final Runnable gc;
    private final List<Map.Entry<String, Cleanup>> cleanups = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<CleanupReport> reports = new ArrayDeque<>();
    private boolean armed = true;
    private Instant lastRun;

    /**
     * @param heap the reading to watch ({@link HeapReading#jvm()} in production, a fake in tests)
     * @param gc   what "request GC" means ({@code System::gc} in production)
     */
    public MemoryManager(MemoryManagerConfig config, Supplier<HeapReading> heap, InstantSource clock, Runnable gc) {
        this.config = Objects.requireNonNull(config, "config");
        this.heap = Objects.requireNonNull(heap, "heap");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.gc = Objects.requireNonNull(gc, "gc");
    }

    /** Registers a clean-up under a name; the returned handle removes it. */
    public AutoCloseable register(String name, Cleanup cleanup) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("clean-up name must not be blank, was '" + name + "'");
        }
        Map.Entry<String, Cleanup> entry = Map.entry(name, Objects.requireNonNull(cleanup, "cleanup"));
        cleanups.add(entry);
        return () -> cleanups.remove(entry);
    }

    /** The periodic job: reads the heap and cleans up if pressure calls for it. */
    public Optional<CleanupReport> check() {
        lock.lock();
        try {
            HeapReading before = heap.get();
            Instant now = clock.instant();
            double usage = before.usage();
            if (!armed && usage < config.clearThreshold()) {
                armed = true;
            }
            if (usage < config.threshold()) {
                return Optional.empty();
            }
            boolean cooledDown = lastRun == null
                    || Duration.between(lastRun, now).compareTo(config.cooldown()) >= 0;
            if (!armed && !cooledDown) {
                return Optional.empty();
            }
            return Optional.of(run("pressure", before, now));
        } finally {
            lock.unlock();
        }
    }

    /** Emergency clean-up on demand (C5), whatever the pressure. */
    public CleanupReport cleanUpNow() {
        lock.lock();
        try {
            return run("manual", heap.get(), clock.instant());
        } finally {
            lock.unlock();
        }
    }

    private CleanupReport run(String trigger, HeapReading before, Instant now) {
        List<CleanupReport.Outcome> outcomes = new ArrayList<>();
        for (Map.Entry<String, Cleanup> c : cleanups) {
            long start = System.nanoTime();
            try {
                Cleanup.Freed freed = c.getValue().run();
                if (freed == null) {
                    freed = Cleanup.Freed.NOTHING;
                }
                outcomes.add(new CleanupReport.Outcome(c.getKey(), freed.bytes(), freed.entries(),
                        (System.nanoTime() - start) / 1_000_000, null));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "clean-up '" + c.getKey() + "' failed", e);
                outcomes.add(new CleanupReport.Outcome(c.getKey(), 0, 0, (System.nanoTime() - start) / 1_000_000,
                        e.toString()));
            }
        }
        if (config.requestGc()) {
            gc.run();
        }
        HeapReading after = heap.get();
        CleanupReport report = new CleanupReport(now, trigger, before.usage(), after.usage(), config.requestGc(), outcomes);
        armed = false;
        lastRun = now;
        if (reports.size() == config.reportsKept()) {
            reports.removeFirst();
        }
        reports.addLast(report);
        LOG.log(Level.INFO, "memory clean-up ({0}): heap {1} -> {2}, freed {3} bytes and {4} entries",
                trigger, pct(before.usage()), pct(after.usage()), report.bytesFreed(), report.entriesFreed());
        return report;
    }

    private static String pct(double ratio) {
        return Math.round(ratio * 100) + " %";
    }

    /** Recent clean-up runs, oldest first. */
    public List<CleanupReport> reports() {
        lock.lock();
        try {
            return List.copyOf(reports);
        } finally {
            lock.unlock();
        }
    }

    public boolean armed() {
        lock.lock();
        try {
            return armed;
        } finally {
            lock.unlock();
        }
    }

    public MemoryManagerConfig config() {
        return config;
    }
}
