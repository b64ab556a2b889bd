package io.keel.governor;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Runs agent operations under limits: admission (concurrency, memory budget, input size), a bounded
 * priority queue with aging, execution on virtual threads (I/O) or a bounded pool (CPU), deadlines,
 * retries, cancellation, progress with ETA, and events.
 *
 * <p>Every accepted operation ends in exactly one terminal state. A refused submit throws an
 * {@link OperationRejectedException} and creates nothing.
 *
 * <pre>{@code
 * Governor governor = Governor.builder().limits(Limits.defaults()).build();
 * governor.registerAgent(AgentSpec.io("echo"));
 * Operation<String> op = governor.submit(OperationSpec.builder("echo", ctx -> "hi").build());
 * op.result().join();
 * }</pre>
 */
public interface Governor extends AutoCloseable {

    static GovernorBuilder builder() {
        return new GovernorBuilder();
    }

    /** Adds or replaces an agent type. Replacing keeps its queued and running operations. */
    void registerAgent(AgentSpec agent);

    /** Removes an agent: its queued operations end REJECTED, running ones finish. */
    boolean removeAgent(String name);

    Collection<AgentSpec> agents();

    /**
     * Admits an operation, or refuses it at once. Never blocks the caller on capacity: a full system
     * queues, a full queue refuses.
     *
     * @throws OperationRejectedException (one of its subclasses) when refused; nothing was created
     */
    <T> Operation<T> submit(OperationSpec<T> spec);

    /** Submits each spec independently; one refusal does not affect the others. */
    BatchResult submitAll(List<? extends OperationSpec<?>> specs);

    /**
     * Waits in the queue like any operation, then holds a running slot until closed (F2).
     *
     * @param maxWait how long to wait for admission before giving up with {@link QueueFullException}
     */
    Slot acquire(String agent, long estimatedBytes, String name, Duration maxWait) throws InterruptedException;

    /** {@link #acquire(String, long, String, Duration)} waiting up to the default timeout. */
    default Slot acquire(String agent, long estimatedBytes, String name) throws InterruptedException {
        return acquire(agent, estimatedBytes, name, limits().defaultTimeout());
    }

    /**
     * Takes a bare running permit at once, or returns null: see {@link Permit}. Never blocks, never queues.
     *
     * @throws UnknownAgentException when the agent is not registered
     */
    default Permit tryAcquirePermit(String agent, long estimatedBytes) {
        throw new UnsupportedOperationException("tryAcquirePermit is not supported by " + getClass().getName());
    }

    /** A live (non-terminal, or terminal but recently finished) operation this governor knows. */
    Optional<Operation<?>> find(String id);

    /** @return true if the operation was live and is now CANCELLED */
    boolean cancel(String id);

    Subscription subscribe(OperationListener listener);

    Limits limits();

    /**
     * Changes the limits in force. Running work keeps its permits and bytes; lower limits take effect as
     * work finishes, higher ones admit queued work at once. Nothing is lost or counted twice.
     */
    void changeLimits(Limits limits);

    GovernorStats stats();

    /**
     * Stops admitting, lets running work finish within {@code grace}, then cancels what is left; queued
     * operations end REJECTED. Every operation is terminal when this returns.
     *
     * @return true if all running work finished within the grace period
     */
    boolean shutdown(Duration grace) throws InterruptedException;

    boolean isShutdown();

    /** {@link #shutdown(Duration)} with a 30 s grace. */
    @Override
    void close();
}
