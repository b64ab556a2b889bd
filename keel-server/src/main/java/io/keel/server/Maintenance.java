package io.keel.server;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.keel.server.config.KeelConfig;
import io.keel.server.maintenance.JobStatus;
import io.keel.server.maintenance.MaintenanceScheduler;
import io.keel.server.records.OperationRecordStore;
import io.keel.server.records.RecordPruner;

/**
 * The server's maintenance jobs on the shared {@link MaintenanceScheduler}: pruning finished records (by age
 * and count, from the configuration) and renewing this node's leases on its unfinished records, well
 * within the lease so a live node never looks dead.
 */
final class Maintenance implements AutoCloseable {

    static final String PRUNE_JOB = "records-prune";
    static final String LEASE_JOB = "lease-renewal";
    static final Duration PRUNE_INTERVAL = Duration.ofMinutes(1);

    private final MaintenanceScheduler scheduler;

    private Maintenance(MaintenanceScheduler scheduler) {
        this.scheduler = scheduler;
    }

    static Maintenance start(KeelConfig config, String nodeId, OperationRecordStore store, InstantSource clock,
                             Duration lease) {
        MaintenanceScheduler scheduler = MaintenanceScheduler.start(clock);
        scheduler.register(PRUNE_JOB, PRUNE_INTERVAL,
                new RecordPruner(store, clock, Duration.ofMillis(config.recordsMaxAgeMs()), config.recordsMaxCount()));
        scheduler.register(LEASE_JOB, lease.dividedBy(3),
                () -> "renewed " + store.renewLeases(nodeId, clock.instant().plus(lease)));
        return new Maintenance(scheduler);
    }

    /** The jobs as the API shows them. */
    List<Map<String, Object>> jobs() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (JobStatus job : scheduler.jobs()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", job.name());
            json.put("intervalMs", job.intervalMs());
            json.put("lastRunAt", job.lastRunAt());
            json.put("lastDurationMs", job.lastDurationMs());
            json.put("lastOutcome", job.lastOutcome());
            json.put("runs", job.runs());
            json.put("failures", job.failures());
            json.put("nextRunAt", job.nextRunAt());
            items.add(json);
        }
        return items;
    }

    MaintenanceScheduler scheduler() {
        return scheduler;
    }

    JobStatus runNow(String name) {
        return scheduler.runNow(name);
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
