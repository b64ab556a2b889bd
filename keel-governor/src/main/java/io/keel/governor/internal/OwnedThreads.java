package io.keel.governor.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes and remembers the platform threads the governor owns (the CPU pool, the timer), so stats can
 * report how many are still alive: virtual threads do not show in ThreadMXBean, and a leak check needs
 * to know exactly which platform threads are ours.
 */
final class OwnedThreads {

    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    ThreadFactory factory(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = Thread.ofPlatform().name(prefix + n.incrementAndGet()).daemon(true).unstarted(task);
            threads.add(t);
            return t;
        };
    }

    /** A factory for one thread with exactly this name. */
    ThreadFactory named(String name) {
        return task -> {
            Thread t = Thread.ofPlatform().name(name).daemon(true).unstarted(task);
            threads.add(t);
            return t;
        };
    }

    /**
     * Waits, up to {@code timeoutNanos} in all, for every thread made here to exit. An executor's
     * {@code awaitTermination} returns once its tasks are done, while its worker threads may still be exiting;
     * shutdown joins them so that "no owned thread left" holds when it returns.
     */
    void joinAll(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            t.join(java.time.Duration.ofNanos(left));
        }
    }

    /** Platform threads made here that are still alive. */
    int alive() {
        int count = 0;
        for (Thread t : threads) {
            if (t.isAlive()) {
                count++;
            } else if (t.getState() == Thread.State.TERMINATED) {
                threads.remove(t);
            }
        }
        return count;
    }
}
