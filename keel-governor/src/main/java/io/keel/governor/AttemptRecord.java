package io.keel.governor;

import java.time.Instant;

/**
 * One attempt at an operation, as the record shows it.
 *
 * @param number     1-based
 * @param instanceId where it ran
 * @param startedAt  when it began
 * @param finishedAt when it ended, or null while running
 * @param failure    why it failed, or null if it succeeded or is running
 */
public record AttemptRecord(int number, String instanceId, Instant startedAt, Instant finishedAt,
                            OperationFailure failure) {
}
