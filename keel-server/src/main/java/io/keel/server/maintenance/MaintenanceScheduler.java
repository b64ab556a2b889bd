package io.keel.server.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs housekeeping jobs (record pruning now; cache warming, storage optimisation and monitor jobs later) at
 * fixed intervals, and keeps what each did for the API.
 *
 * <p>Time is checked, not slept on: {@link #tick()} runs every job whose next run is due by the injected clock.
 * In production one platform thread ("keel-maintenance") ticks every {@code tick}; tests call {@link #tick()}
 * themselves with a manual clock, so nothing depends on timing.
 *
 * <p>Invariants: a job never overlaps itself (each has a lock; a due run finding it busy is skipped, not
 * queued); a job's failure, even an {@link Error} other than {@link VirtualMachineError}, is recorded and never
 * escapes, so it cannot cancel the ticking; the next run is due one interval after the last run started (a run
 * longer than its interval does not make runs pile up). Status is an immutable {@link JobStatus} swapped under
 * the job's lock, so {@link #jobs()} reads without blocking on a running job.
 */
public final class MaintenanceScheduler implements AutoCloseable {

    private final InstantSource clock;
    private final ScheduledExecutorService executor;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param executor ticks {@link #tick()} every {@code tick} and runs {@link #runNow}; null for a scheduler that
     *                 only runs when told (tests)
     */
    public MaintenanceScheduler(InstantSource clock, ScheduledExecutorService executor, Duration tick) {
        this.clock = clock;
        this.executor = executor;
        if (executor != null) {
            if (tick == null || tick.isNegative() || tick.isZero()) {
                throw new IllegalArgumentException("maintenance tick must be positive, was " + tick);
            }
            executor.scheduleWithFixedDelay(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The production scheduler: its own "keel-maintenance" platform thread, checking every second. */
    public static MaintenanceScheduler start(InstantSource clock) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("keel-maintenance").daemon(true).factory());
        return new MaintenanceScheduler(clock, executor, Duration.ofSeconds(1));
    }

    /**
     * Adds a job; its first run is due one interval from now. The job returns a short outcome ("deleted 12")
     * or throws.
     *
     * @throws IllegalArgumentException for a blank or taken name, or a non-positive interval
     */
    public void register(String name, Duration interval, Callable<String> job) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("maintenance job name must not be blank, was '" + name + "'");
        }
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval of maintenance job '" + name + "' must be positive, was "
                    + interval);
        }
        Job added = new Job(name, interval, job, clock.instant().plus(interval));
        if (jobs.putIfAbsent(name, added) != null) {
            throw new IllegalArgumentException("maintenance job '" + name + "' is already registered");
        }
        order.add(name);
    }

    /** Every job's status, in registration order. */
    public List<JobStatus> jobs() {
        List<JobStatus> statuses = new ArrayList<>();
        for (String name : order) {
            statuses.add(jobs.get(name).status);
        }
        return statuses;
    }

    /** Runs every due job that is not already running; never throws. */
    public void tick() {
        Instant now = clock.instant();
        for (String name : order) {
            Job job = jobs.get(name);
            if (!job.status.nextRunAt().isAfter(now)) {
                job.runIfIdle();
            }
        }
    }

    /**
     * Runs a job now, on the scheduler's thread when it has one, waiting for a run in progress to end first;
     * returns its status after this run.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public JobStatus runNow(String name) {
        Job job = jobs.get(name);
        if (job == null) {
            throw new IllegalArgumentException("unknown maintenance job '" + name + "', known: " + order);
        }
        if (executor == null) {
            job.runWaiting();
            return job.status;
        }
        try {
            executor.submit(job::runWaiting).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("maintenance job '" + name + "' could not run: " + e.getCause(), e);
        }
        return job.status;
    }

    /** Stops ticking; a run in progress finishes. */
    @Override
    public void close() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final class Job {

        private final Callable<String> task;
        private final ReentrantLock running = new ReentrantLock();
        private volatile JobStatus status;

        Job(String name, Duration interval, Callable<String> task, Instant firstRun) {
            this.task = task;
            this.status = new JobStatus(name, interval.toMillis(), null, null, null, 0, 0, firstRun);
        }

        void runIfIdle() {
            if (running.tryLock()) {
                try {
                    runLocked();
                } finally {
                    running.unlock();
                }
            }
        }

        void runWaiting() {
            running.lock();
            try {
                runLocked();
            } finally {
                running.unlock();
            }
        }

        private void runLocked() {
            Instant started = clock.instant();
            String outcome;
            boolean failed;
            try {
                outcome = "ok: " + task.call();
                failed = false;
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                outcome = "failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                failed = true;
            }
            Instant ended = clock.instant();
            JobStatus before = status;
            status = new JobStatus(before.name(), before.intervalMs(), started,
                    Duration.between(started, ended).toMillis(), outcome, before.runs() + 1,
                    before.failures() + (failed ? 1 : 0), started.plusMillis(before.intervalMs()));
        }
    }
}
