package io.keel.governor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An immutable picture of an operation at one moment: what events carry, what records persist and
 * what the API shows.
 *
 * @param result         the value of a SUCCEEDED operation, else null
 * @param failure        why it did not succeed, else null
 * @param answeredBefore true when an interceptor answered it before admission (a cache hit): it never queued
 */
public record OperationSnapshot(
        String id,
        String agent,
        String name,
        OperationStatus status,
        int priority,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Instant deadline,
        Progress progress,
        List<AttemptRecord> attempts,
        Object result,
        OperationFailure failure,
        boolean answeredBefore,
        Map<String, Object> attributes) {

    public OperationSnapshot {
        attempts = List.copyOf(attempts);
        attributes = Map.copyOf(attributes);
    }

    /** Run time from start to finish, or null until both are known. */
    public Duration duration() {
        return startedAt == null || finishedAt == null ? null : Duration.between(startedAt, finishedAt);
    }

    /** Time spent waiting from creation to the first start, or null before it started. */
    public Duration queueWait() {
        return startedAt == null ? null : Duration.between(createdAt, startedAt);
    }
}
