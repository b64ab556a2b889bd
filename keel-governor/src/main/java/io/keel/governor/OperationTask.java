package io.keel.governor;

/**
 * The work of one operation. It may be called more than once when its agent retries.
 * Long-running tasks should report progress and check {@link OperationContext#isCancelled()}.
 */
@FunctionalInterface
public interface OperationTask<T> {

    T run(OperationContext context) throws Exception;
}
