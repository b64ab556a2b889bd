package io.keel.server.records;

import java.time.Instant;

/** Record fixtures: a queued record and copies that change the fields a test cares about. */
final class TestRecords {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private TestRecords() {
    }

    static OperationRecord queued(String id, Instant createdAt) {
        return new OperationRecord(id, "echo", "QUEUED", 5, createdAt, null, null, 0.0, null, 0, 0, null,
                "{\"text\":\"hi\"}", null, null, null, false, null, 1000L, "node-a", createdAt.plusSeconds(30), 0,
                "trace-" + id);
    }

    static OperationRecord running(OperationRecord r) {
        return new OperationRecord(r.id(), r.agent(), "RUNNING", r.priority(), r.createdAt(), r.createdAt().plusMillis(1),
                null, 50.0, "halfway", 1, 2, 10L, r.inputJson(), null, null, null, false, r.idempotencyKey(),
                r.timeoutMs(), r.ownerNode(), r.leaseExpiresAt(), 1, r.traceId());
    }

    static OperationRecord finished(OperationRecord r, String status, Instant finishedAt) {
        boolean ok = "SUCCEEDED".equals(status);
        return new OperationRecord(r.id(), r.agent(), status, r.priority(), r.createdAt(), r.createdAt().plusMillis(1),
                finishedAt, ok ? 100.0 : r.progressPercent(), r.progressStep(), r.progressStepIndex(),
                r.progressStepCount(), null, r.inputJson(), ok ? "{\"text\":\"hi\"}" : null, ok ? null : "boom",
                ok ? null : "failed on purpose", false, r.idempotencyKey(), r.timeoutMs(), r.ownerNode(),
                r.leaseExpiresAt(), Math.max(1, r.attempts()), r.traceId());
    }

    static OperationRecord succeeded(OperationRecord r) {
        return finished(r, "SUCCEEDED", r.createdAt().plusMillis(5));
    }

    static OperationRecord withAgent(OperationRecord r, String agent) {
        return new OperationRecord(r.id(), agent, r.status(), r.priority(), r.createdAt(), r.startedAt(),
                r.finishedAt(), r.progressPercent(), r.progressStep(), r.progressStepIndex(), r.progressStepCount(),
                r.etaMs(), r.inputJson(), r.resultJson(), r.errorType(), r.errorMessage(), r.cached(),
                r.idempotencyKey(), r.timeoutMs(), r.ownerNode(), r.leaseExpiresAt(), r.attempts(), r.traceId());
    }

    static OperationRecord withOwner(OperationRecord r, String node) {
        return new OperationRecord(r.id(), r.agent(), r.status(), r.priority(), r.createdAt(), r.startedAt(),
                r.finishedAt(), r.progressPercent(), r.progressStep(), r.progressStepIndex(), r.progressStepCount(),
                r.etaMs(), r.inputJson(), r.resultJson(), r.errorType(), r.errorMessage(), r.cached(),
                r.idempotencyKey(), r.timeoutMs(), node, r.leaseExpiresAt(), r.attempts(), r.traceId());
    }

    static OperationRecord withKey(OperationRecord r, String key) {
        return new OperationRecord(r.id(), r.agent(), r.status(), r.priority(), r.createdAt(), r.startedAt(),
                r.finishedAt(), r.progressPercent(), r.progressStep(), r.progressStepIndex(), r.progressStepCount(),
                r.etaMs(), r.inputJson(), r.resultJson(), r.errorType(), r.errorMessage(), r.cached(),
                key, r.timeoutMs(), r.ownerNode(), r.leaseExpiresAt(), r.attempts(), r.traceId());
    }

    static OperationRecord withInput(OperationRecord r, String inputJson) {
        return new OperationRecord(r.id(), r.agent(), r.status(), r.priority(), r.createdAt(), r.startedAt(),
                r.finishedAt(), r.progressPercent(), r.progressStep(), r.progressStepIndex(), r.progressStepCount(),
                r.etaMs(), inputJson, r.resultJson(), r.errorType(), r.errorMessage(), r.cached(),
                r.idempotencyKey(), r.timeoutMs(), r.ownerNode(), r.leaseExpiresAt(), r.attempts(), r.traceId());
    }
}
