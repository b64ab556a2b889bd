package io.keel.governor.internal;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.keel.governor.OperationEvent;
import io.keel.governor.OperationListener;
import io.keel.governor.Subscription;

/**
 * Fans events out to subscribers. The subscriber array is copy-on-write: publishing is a volatile read
 * and a loop, and {@link #isEmpty()} lets the governor skip building events nobody listens to.
 */
final class EventBus {

    private static final EventSubscriber[] NONE = new EventSubscriber[0];

    private final int bufferSize;
    private final AtomicInteger names = new AtomicInteger();
    private final AtomicLong droppedByClosed = new AtomicLong();
    private final Object writeLock = new Object();
    private volatile EventSubscriber[] subscribers = NONE;

    EventBus(int bufferSize) {
        this.bufferSize = bufferSize;
    }

    boolean isEmpty() {
        return subscribers.length == 0;
    }

    void publish(OperationEvent event) {
        for (EventSubscriber s : subscribers) {
            s.offer(event);
        }
    }

    Subscription subscribe(OperationListener listener) {
        EventSubscriber[] holder = new EventSubscriber[1];
        EventSubscriber s = new EventSubscriber(listener, bufferSize, () -> unsubscribe(holder[0]));
        holder[0] = s;
        synchronized (writeLock) {
            EventSubscriber[] next = Arrays.copyOf(subscribers, subscribers.length + 1);
            next[next.length - 1] = s;
            subscribers = next;
        }
        s.start("keel-events-" + names.incrementAndGet());
        return s;
    }

    private void unsubscribe(EventSubscriber s) {
        synchronized (writeLock) {
            EventSubscriber[] current = subscribers;
            int i = Arrays.asList(current).indexOf(s);
            if (i < 0) {
                return;
            }
            EventSubscriber[] next = new EventSubscriber[current.length - 1];
            System.arraycopy(current, 0, next, 0, i);
            System.arraycopy(current, i + 1, next, i, current.length - i - 1);
            subscribers = next;
            droppedByClosed.addAndGet(s.droppedEvents());
        }
    }

    long droppedEvents() {
        long sum = droppedByClosed.get();
        for (EventSubscriber s : subscribers) {
            sum += s.droppedEvents();
        }
        return sum;
    }

    /** Delivers what every subscriber has buffered (bounded wait), then stops them all. */
    void shutdown(long maxWaitNanos) throws InterruptedException {
        long end = System.nanoTime() + maxWaitNanos;
        for (EventSubscriber s : subscribers) {
            s.drainAndStop(end - System.nanoTime());
        }
    }
}
