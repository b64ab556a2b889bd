package io.keel.server.operations;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import io.keel.governor.OperationStatus;
import io.keel.server.records.OperationRecord;
import io.keel.server.records.OperationRecordStore;

/**
 * Finishes what this node left unfinished before it stopped (DESIGN.md, Cluster; issue 2 §3): a RUNNING
 * operation ends FAILED "interrupted by restart" unless it carried an idempotency key, in which case it
 * runs again, as does every QUEUED one, under its own id. Whatever cannot run again ends REJECTED with
 * the reason, so nothing stays QUEUED or RUNNING forever.
 */
public final class Recovery {

    public static final String INTERRUPTED = "interrupted by restart";

    private static final Logger LOG = System.getLogger(Recovery.class.getName());

    private final OperationRecordStore store;
    private final OperationService operations;
    private final RecordMapper mapper;

    public Recovery(OperationRecordStore store, OperationService operations, RecordMapper mapper) {
        this.store = store;
        this.operations = operations;
        this.mapper = mapper;
    }

    /** What recovery did. */
    public record Outcome(int failed, int resubmitted, int rejected) {
    }

    public Outcome run() {
        int failed = 0;
        int resubmitted = 0;
        int rejected = 0;
        for (OperationRecord record : store.unfinishedOwnedBy(mapper.nodeId())) {
            boolean running = OperationStatus.RUNNING.name().equals(record.status());
            if (running && record.idempotencyKey() == null) {
                store.saveTerminal(mapper.finish(record, OperationStatus.FAILED, "interrupted", INTERRUPTED));
                failed++;
                continue;
            }
            try {
                operations.resubmit(record);
                resubmitted++;
            } catch (RuntimeException refused) {
                store.saveTerminal(mapper.finish(record, OperationStatus.REJECTED, "rejected",
                        "could not run again after restart: " + refused.getMessage()));
                rejected++;
            }
        }
        Outcome outcome = new Outcome(failed, resubmitted, rejected);
        if (failed + resubmitted + rejected > 0) {
            LOG.log(Level.INFO, "recovered unfinished operations: {0}", outcome);
        }
        return outcome;
    }
}
