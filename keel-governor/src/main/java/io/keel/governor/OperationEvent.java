package io.keel.governor;

import java.time.Instant;

/**
 * Something that happened to an operation, for listeners (dashboards, SSE streams, records).
 *
 * @param type     what happened
 * @param snapshot the operation right after it happened
 * @param at       when
 */
public record OperationEvent(Type type, OperationSnapshot snapshot, Instant at) {

    /** The kinds of event, in the order an operation can produce them. */
    public enum Type {
        QUEUED,
        STARTED,
        PROGRESS,
        /** An attempt failed and another is scheduled after a backoff. */
        RETRYING,
        /** The terminal event; the snapshot's status says which terminal state. Always the last event. */
        FINISHED
    }
}
