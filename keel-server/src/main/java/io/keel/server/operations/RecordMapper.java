package io.keel.server.operations;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.keel.governor.OperationFailure;
import io.keel.governor.OperationSnapshot;
import io.keel.governor.OperationStatus;
import io.keel.governor.Progress;
import io.keel.server.json.Json;
import io.keel.server.records.OperationRecord;

/** Turns the governor's snapshots into durable records owned by this node, with a lease. */
public final class RecordMapper {

    private final String nodeId;
    private final InstantSource clock;
    private final Duration lease;

    public RecordMapper(String nodeId, InstantSource clock, Duration lease) {
        this.nodeId = nodeId;
        this.clock = clock;
        this.lease = lease;
    }

    public String nodeId() {
        return nodeId;
    }

    public Duration lease() {
        return lease;
    }

    public OperationRecord toRecord(OperationSnapshot s) {
        Map<String, Object> attributes = s.attributes();
        Progress progress = s.progress() == null ? Progress.NONE : s.progress();
        double percent = s.status() == OperationStatus.SUCCEEDED ? 100.0 : progress.percent();
        Instant createdAt = attributes.get(OperationAttributes.CREATED_AT) instanceof Instant original
                ? original : s.createdAt();
        OperationFailure failure = s.failure();
        Object timeout = attributes.get(OperationAttributes.TIMEOUT_MS);
        return new OperationRecord(
                s.id(),
                s.agent(),
                s.status().name(),
                s.priority(),
                micros(createdAt),
                micros(s.startedAt()),
                micros(s.finishedAt()),
                percent,
                progress.step(),
                progress.stepIndex(),
                progress.stepCount(),
                progress.eta() == null ? null : progress.eta().toMillis(),
                (String) attributes.get(OperationAttributes.INPUT_JSON),
                s.status() == OperationStatus.SUCCEEDED ? Json.text(s.result()) : null,
                failure == null ? null : failure.type(),
                failure == null ? null : failure.message(),
                s.answeredBefore(),
                (String) attributes.get(OperationAttributes.IDEMPOTENCY_KEY),
                timeout instanceof Long ms ? ms : null,
                nodeId,
                clock.instant().plus(lease),
                s.attempts().size(),
                (String) attributes.get(OperationAttributes.TRACE_ID));
    }

    /**
     * Times are kept to the microsecond, the precision H2 and PostgreSQL store: the API then shows an operation
     * the same whether it answers from the live governor or from the database (before and after a restart).
     */
    static Instant micros(Instant time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
    }

    /** The record ended with a new terminal status, e.g. FAILED "interrupted by restart". */
    public OperationRecord finish(OperationRecord r, OperationStatus status, String errorType, String message) {
        return new OperationRecord(r.id(), r.agent(), status.name(), r.priority(), r.createdAt(), r.startedAt(),
                clock.instant(), r.progressPercent(), r.progressStep(), r.progressStepIndex(),
                r.progressStepCount(), null, r.inputJson(), null, errorType, message, false,
                r.idempotencyKey(), r.timeoutMs(), nodeId, clock.instant().plus(lease), r.attempts(), r.traceId());
    }
}
