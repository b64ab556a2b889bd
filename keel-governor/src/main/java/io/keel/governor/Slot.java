package io.keel.governor;

/**
 * An admission held around any block of code (requirement F2):
 * <pre>{@code
 * try (Slot slot = governor.acquire("upload", bytes, "report.pdf")) {
 *     slot.progress().percent(50);
 *     ...
 * }
 * }</pre>
 * It counts against the same limits as submitted operations and is recorded as an operation with an id.
 * Closing it ends the operation SUCCEEDED, unless {@link #fail(Throwable)} was called first.
 */
public interface Slot extends AutoCloseable {

    String operationId();

    ProgressReporter progress();

    /** True once the operation was cancelled or timed out; the block should stop soon. */
    boolean isCancelled();

    /** Marks the block as failed; {@link #close()} then ends it FAILED with this error. */
    void fail(Throwable error);

    /** Releases the permits and bytes and ends the operation. Idempotent. */
    @Override
    void close();
}
