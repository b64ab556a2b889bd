package io.keel.governor.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Owns the queue and moves work from it to RUNNING whenever permits allow.
 *
 * <p>Invariants: the queue, the per-agent queued counts and {@code size} change only under {@code lock};
 * {@code size} is volatile so the submit fast path can see "nobody is waiting" without the lock. A node
 * leaves the queue either by admission here (permits taken, then CAS QUEUED→RUNNING; if that CAS loses
 * to a cancellation the permits are given back at once) or by {@link #remove} from whoever ended it.
 *
 * <p>No lost wake-ups: a releaser frees permits and then reads {@code size}; an enqueuer publishes
 * {@code size} and then drains. Whatever the interleaving, one of them sees the other's write, so a
 * queued operation never waits for permits that are already free.
 *
 * <p>Draining is serialised without blocking anyone: {@code wip} counts drain requests; the thread that
 * takes it from 0 drains until no request arrived meanwhile, others just add a request and return
 * (releasing threads never wait on a drain in progress). Threads are started outside the lock.
 */
final class Dispatcher {

    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    enum Enqueued { ACCEPTED, FULL, CLOSED }

    /** Starts an operation that just became RUNNING with its permits held. */
    interface Starter {
        void start(GovernedOperation<?> op);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final AgingQueue<GovernedOperation<?>> queue;
    private final Permits permits;
    private final LongSupplier nanoTime;
    private final Starter starter;
    private final AtomicInteger wip = new AtomicInteger();
    private final ArrayList<GovernedOperation<?>> toStart = new ArrayList<>();
    private final AgingQueue.Admitter<GovernedOperation<?>> admitter = this::tryAdmit;
    private volatile int size;
    private boolean closed;

    Dispatcher(Permits permits, LongSupplier nanoTime, long agingStepNanos, Starter starter) {
        this.permits = permits;
        this.nanoTime = nanoTime;
        this.starter = starter;
        this.queue = new AgingQueue<>(agingStepNanos);
    }

    int size() {
        return size;
    }

    void agingStep(long nanos) {
        lock.lock();
        try {
            queue.agingStep(nanos);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues an operation (then drains). {@code capacity <= 0} skips the bound (a retry already admitted).
     * {@code onQueued} runs under the lock once it is in, so its QUEUED event precedes any STARTED.
     */
    Enqueued enqueue(GovernedOperation<?> op, int capacity, Consumer<GovernedOperation<?>> onQueued) {
        lock.lock();
        try {
            if (closed) {
                return Enqueued.CLOSED;
            }
            if (capacity > 0 && queue.size() >= capacity) {
                return Enqueued.FULL;
            }
            if (op.phase() != GovernedOperation.QUEUED) {
                return Enqueued.ACCEPTED; // ended before it got in: nothing to queue
            }
            queue.add(op, op.agent, op.spec.priority(), nanoTime.getAsLong());
            op.agent.queuedDelta(1);
            size = queue.size();
            onQueued.accept(op);
        } finally {
            lock.unlock();
        }
        drain();
        return Enqueued.ACCEPTED;
    }

    /** @return true if it was queued and is now out */
    boolean remove(GovernedOperation<?> op) {
        lock.lock();
        try {
            if (!queue.remove(op)) {
                return false;
            }
            op.agent.queuedDelta(-1);
            size = queue.size();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Takes out every queued operation of one agent, or of all agents when null. */
    List<GovernedOperation<?>> removeAll(AgentState agent) {
        List<GovernedOperation<?>> out = new ArrayList<>();
        lock.lock();
        try {
            queue.removeAll(agent, op -> {
                op.agent.queuedDelta(-1);
                out.add(op);
            });
            size = queue.size();
        } finally {
            lock.unlock();
        }
        return out;
    }

    /** Refuses every later enqueue and takes out everything queued (shutdown). */
    List<GovernedOperation<?>> close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
        return removeAll(null);
    }

    void drainIfWaiting() {
        if (size > 0) {
            drain();
        }
    }

    void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            try {
                drainOnce();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.ERROR, "governor dispatch failed; will retry on the next release", e);
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void drainOnce() {
        // Skipping while every permit is taken is safe: the release that frees one happens after this read,
        // hence after whatever enqueue asked for this drain, so that releaser sees size > 0 and drains.
        // It spares a queue-heavy burst a lock round-trip per submit.
        if (permits.globallyFull()) {
            return;
        }
        lock.lock();
        try {
            if (queue.size() == 0) {
                return;
            }
            queue.newRound();
            long now = nanoTime.getAsLong();
            GovernedOperation<?> op;
            while ((op = queue.pollAdmissible(now, admitter)) != null) {
                op.agent.queuedDelta(-1);
                if (op.casPhase(GovernedOperation.QUEUED, GovernedOperation.RUNNING)) {
                    toStart.add(op);
                } else {
                    permits.release(op.agent, op.spec.estimatedBytes());
                }
            }
            size = queue.size();
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < toStart.size(); i++) {
            try {
                starter.start(toStart.get(i));
            } catch (RuntimeException | Error e) {
                LOG.log(Level.ERROR, "could not start " + toStart.get(i), e);
            }
        }
        toStart.clear();
    }

    private int tryAdmit(GovernedOperation<?> op) {
        return switch (permits.tryAcquire(op.agent, op.spec.estimatedBytes())) {
            case Permits.OK -> AgingQueue.ADMIT;
            case Permits.AGENT_FULL -> AgingQueue.BLOCK_GROUP;
            case Permits.BYTES_FULL -> AgingQueue.BLOCK_LANE;
            default -> AgingQueue.STOP;
        };
    }
}
