package io.keel.server.records;

import java.time.Instant;

/**
 * The durable form of one operation, as the database keeps it and the API shows it. JSON-valued fields
 * ({@code inputJson}, {@code resultJson}) are stored as text so that H2 and PostgreSQL share one schema.
 *
 * @param ownerNode      the node that runs it; recovery after a crash only touches its own records
 * @param leaseExpiresAt when the owner's claim lapses unless renewed; a live node renews its leases
 * @param attempts       attempts made so far
 * @param cached         true when the result came from the cache, not a run
 */
public record OperationRecord(
        String id,
        String agent,
        String status,
        int priority,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        double progressPercent,
        String progressStep,
        int progressStepIndex,
        int progressStepCount,
        Long etaMs,
        String inputJson,
        String resultJson,
        String errorType,
        String errorMessage,
        boolean cached,
        String idempotencyKey,
        Long timeoutMs,
        String ownerNode,
        Instant leaseExpiresAt,
        int attempts,
        String traceId) {

    public boolean isTerminal() {
        return !"QUEUED".equals(status) && !"RUNNING".equals(status);
    }
}
