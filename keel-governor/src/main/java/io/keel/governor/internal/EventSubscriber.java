package io.keel.governor.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.keel.governor.OperationEvent;
import io.keel.governor.OperationListener;
import io.keel.governor.Subscription;

/**
 * One listener with its own bounded buffer and its own delivery thread (virtual), so a slow listener only
 * falls behind itself: when its buffer is full the oldest event is dropped and counted, and the publisher
 * (an operation's thread) never waits for it. An exception from the listener is logged and ignored.
 *
 * <p>States: open → draining (governor shutdown: deliver what is buffered, then stop) → closed, or
 * open → closed ({@link #close()}: stop at once, drop the rest). The buffer and state are guarded by
 * {@code lock}; the listener is called outside it.
 */
final class EventSubscriber implements Subscription, Runnable {

    private static final System.Logger LOG = System.getLogger(EventSubscriber.class.getName());

    private final OperationListener listener;
    private final int capacity;
    private final Runnable onClose;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<OperationEvent> buffer = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private boolean closed;
    private boolean draining;
    private Thread thread;

    EventSubscriber(OperationListener listener, int capacity, Runnable onClose) {
        this.listener = listener;
        this.capacity = capacity;
        this.onClose = onClose;
    }

    void start(String name) {
        thread = Thread.ofVirtual().name(name).start(this);
    }

    void offer(OperationEvent event) {
        lock.lock();
        try {
            if (closed || draining) {
                return;
            }
            if (buffer.size() >= capacity) {
                buffer.pollFirst();
                dropped.incrementAndGet();
            }
            buffer.addLast(event);
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void run() {
        for (;;) {
            OperationEvent event;
            lock.lock();
            try {
                while (buffer.isEmpty() && !closed && !draining) {
                    changed.awaitUninterruptibly();
                }
                if (closed || buffer.isEmpty()) {
                    closed = true;
                    return;
                }
                event = buffer.pollFirst();
            } finally {
                lock.unlock();
            }
            try {
                listener.onEvent(event);
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "operation listener " + listener + " failed on " + event.type() + "; ignored", e);
            }
        }
    }

    /** Delivers what is buffered, then stops; waits for that at most {@code maxWaitNanos}. */
    void drainAndStop(long maxWaitNanos) throws InterruptedException {
        lock.lock();
        try {
            draining = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
        if (thread != null && !thread.join(java.time.Duration.ofNanos(Math.max(1, maxWaitNanos)))) {
            close();
        }
    }

    @Override
    public long droppedEvents() {
        return dropped.get();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            dropped.addAndGet(buffer.size());
            buffer.clear();
            changed.signal();
        } finally {
            lock.unlock();
        }
        onClose.run();
    }

}
