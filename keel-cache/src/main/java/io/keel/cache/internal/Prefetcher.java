package io.keel.cache.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * After a read, loads the key's declared and learned relations that L1 lacks, in the background and under a budget:
 * at most {@code maxPerAccess} keys per read and {@code maxInFlight} loads at once; keys over budget are skipped
 * (counted), never queued, so prefetch cannot pile up behind a slow loader.
 */
final class Prefetcher<K> {

    private final Function<? super K, ? extends Collection<K>> declared;
    private final CoAccessLearner<K> learner;
    private final Predicate<K> present;
    private final java.util.function.Consumer<K> load;
    private final Executor executor;
    private final LongSupplier ticker;
    private final int maxPerAccess;
    private final Semaphore inFlight;
    final LongAdder started = new LongAdder();
    final LongAdder skipped = new LongAdder();

    Prefetcher(Function<? super K, ? extends Collection<K>> declared, CoAccessLearner<K> learner,
               Predicate<K> present, java.util.function.Consumer<K> load, Executor executor, LongSupplier ticker,
               int maxPerAccess, int maxInFlight) {
        this.declared = declared;
        this.learner = learner;
        this.present = present;
        this.load = load;
        this.executor = executor;
        this.ticker = ticker;
        this.maxPerAccess = maxPerAccess;
        this.inFlight = new Semaphore(maxInFlight);
    }

    void onRead(K key) {
        if (learner != null) {
            learner.observe(key, ticker.getAsLong());
        }
        Set<K> wanted = new LinkedHashSet<>();
        if (declared != null) {
            Collection<K> related = declared.apply(key);
            if (related != null) {
                wanted.addAll(related);
            }
        }
        if (learner != null) {
            wanted.addAll(learner.related(key));
        }
        wanted.remove(key);
        int sent = 0;
        for (K candidate : wanted) {
            if (present.test(candidate)) {
                continue;
            }
            if (sent >= maxPerAccess || !inFlight.tryAcquire()) {
                skipped.increment();
                continue;
            }
            sent++;
            started.increment();
            try {
                executor.execute(() -> {
                    try {
                        load.accept(candidate);
                    } finally {
                        inFlight.release();
                    }
                });
            } catch (RuntimeException rejected) {
                inFlight.release();
                skipped.increment();
            }
        }
    }
}
