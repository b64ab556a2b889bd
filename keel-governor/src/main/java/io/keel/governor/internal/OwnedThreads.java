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
