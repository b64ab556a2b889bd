package io.keel.cache.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.keel.cache.Invalidation;
import io.keel.cache.L2Entry;
import io.keel.cache.SecondLevel;

/**
 * The second level as the cache sees it: every call bounded by a timeout, every failure absorbed (a miss, a
 * refused write) and counted, and a circuit breaker that skips L2 while it keeps failing.
 *
 * <p>Writes and invalidations that could not reach L2 are remembered (bounded) and replayed as tombstones before
 * the breaker closes, so L2 never comes back holding a value this node overwrote or invalidated while it was away;
 * if the memory overflowed, the whole namespace is tombstoned instead. Versions make replays harmless: a tombstone
 * never beats a newer value.
 */
final class GuardedSecondLevel {

    private static final System.Logger LOG = System.getLogger(GuardedSecondLevel.class.getName());

    /** An invalidation or write L2 has not seen; replayed as a tombstone of its version. */
    record Pending(Invalidation.Kind kind, String target, long version) {
    }

    private final SecondLevel l2;
    private final String cacheName;
    private final long timeoutNanos;
    private final Duration tombstoneTtl;
    private final int maxPending;
    private final CircuitBreaker breaker;
    private final Runnable onClosed;
    private final Executor executor;
    private final LongSupplier nextVersion;
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final AtomicBoolean pendingOverflow = new AtomicBoolean();
    private final CallDeadlines deadlines;
    final LongAdder errors = new LongAdder();
    final LongAdder switches = new LongAdder();

    GuardedSecondLevel(SecondLevel l2, String cacheName, Duration timeout, Duration tombstoneTtl, int maxPending,
                       int failureThreshold, Duration openDuration, LongSupplier ticker, Executor executor,
                       LongSupplier nextVersion, Runnable onClosed) {
        this.executor = executor;
        this.nextVersion = nextVersion;
        this.l2 = l2;
        this.cacheName = cacheName;
        this.timeoutNanos = timeout.toNanos();
        this.deadlines = new CallDeadlines(timeoutNanos);
        this.tombstoneTtl = tombstoneTtl;
        this.maxPending = maxPending;
        this.onClosed = onClosed;
        this.breaker = new CircuitBreaker(failureThreshold, openDuration.toNanos(), ticker, new Transitions());
        if (!l2.connected()) {
            // Never reached yet: treat it as an outage from the start, so it comes into use only through a probe
            // and a close (what it missed replayed, L1 dropped), never half-way.
            breaker.open();
        }
    }

    boolean available() {
        return breaker.isClosed();
    }

    SecondLevel raw() {
        return l2;
    }

    CompletableFuture<L2Entry> get(String key) {
        return call(() -> l2.get(key), null);
    }

    CompletableFuture<List<L2Entry>> getEach(List<String> keys) {
        return call(() -> l2.getEach(keys), Arrays.asList(new L2Entry[keys.size()]));
    }

    /**
     * Writes; a write that may not have landed is remembered as a pending tombstone of its version.
     *
     * @return true written, false refused (L2 holds a newer version), null unknown (L2 away or failed)
     */
    CompletableFuture<Boolean> put(String key, byte[] value, long version, Set<String> tags, Duration ttl,
                                   String origin) {
        if (!available()) {
            remember(new Pending(Invalidation.Kind.KEY, key, version));
            return CompletableFuture.completedFuture(null);
        }
        return call(() -> l2.put(key, value, version, tags, ttl, origin), null).thenApply(written -> {
            if (written == null) {
                remember(new Pending(Invalidation.Kind.KEY, key, version));
            }
            return written;
        });
    }

    /**
     * Writes a batch in one L2 call; a batch that may not have landed is remembered key by key as pending
     * tombstones, exactly as single writes are.
     *
     * @return for each write true (written), false (refused: L2 holds a newer version) or null (unknown: L2 was
     *         away or the call failed). Only a refusal says L2 has something newer; a failure says nothing.
     */
    CompletableFuture<List<Boolean>> putAll(List<SecondLevel.Write> writes, String origin) {
        if (!available()) {
            return CompletableFuture.completedFuture(missed(writes));
        }
        return call(() -> l2.putAll(writes, origin), null)
                .thenApply(written -> written == null || written.size() != writes.size() ? missed(writes) : written);
    }

    private List<Boolean> missed(List<SecondLevel.Write> writes) {
        for (SecondLevel.Write write : writes) {
            remember(new Pending(Invalidation.Kind.KEY, write.key(), write.version()));
        }
        return Arrays.asList(new Boolean[writes.size()]);
    }

    /** Tombstones in L2 and tells the other nodes; returns the live values removed (0 when L2 is away). */
    CompletableFuture<Long> invalidate(Invalidation inv) {
        Pending p = new Pending(inv.kind(), inv.target(), inv.version());
        if (!available()) {
            remember(p);
            return CompletableFuture.completedFuture(0L);
        }
        return call(() -> tombstone(p), null).thenCompose(removed -> {
            if (removed == null) {
                remember(p);
                return CompletableFuture.completedFuture(0L);
            }
            return call(() -> l2.publish(inv), null).thenApply(ignored -> removed);
        });
    }

    /** Tells the other nodes without touching L2's data (after a successful write). */
    CompletableFuture<Void> publish(Invalidation inv) {
        if (!available()) {
            return CompletableFuture.completedFuture(null);
        }
        return call(() -> l2.publish(inv), null);
    }

    private CompletableFuture<Long> tombstone(Pending p) {
        return switch (p.kind()) {
            case KEY -> l2.delete(p.target(), p.version(), tombstoneTtl).thenApply(removed -> removed ? 1L : 0L);
            case TAG -> l2.deleteByTag(p.target(), p.version(), tombstoneTtl);
            case PATTERN -> l2.deleteByPattern(p.target(), p.version(), tombstoneTtl);
            case ALL -> l2.deleteByPattern("*", p.version(), tombstoneTtl);
            case KEYS -> tombstoneEach(new Invalidation("-", p.kind(), p.target(), p.version()).keys(), p.version());
        };
    }

    private CompletableFuture<Long> tombstoneEach(List<String> keys, long version) {
        List<CompletableFuture<Boolean>> each = new ArrayList<>(keys.size());
        for (String key : keys) {
            each.add(l2.delete(key, version, tombstoneTtl));
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> each.stream().filter(CompletableFuture::join).count());
    }

    /** Housekeeping: probe a tripped L2; replay what L2 missed while it looked up. */
    void maintain() {
        if (breaker.tryStartProbe()) {
            probe();
        } else if (available() && pendingCount.get() > 0) {
            replayPending();
        }
    }

    private <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> command, T fallback) {
        if (!breaker.isClosed()) {
            if (breaker.tryStartProbe()) {
                probe();
            }
            return CompletableFuture.completedFuture(fallback);
        }
        CompletableFuture<T> future;
        try {
            future = command.get();
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        return deadlines.watch(future).handle((value, failure) -> {
            if (failure != null) {
                errors.increment();
                breaker.onFailure();
                return fallback;
            }
            breaker.onSuccess();
            return value;
        });
    }

    private void probe() {
        CompletableFuture<Void> ping;
        try {
            ping = l2.ping();
        } catch (RuntimeException e) {
            ping = CompletableFuture.failedFuture(e);
        }
        // Closing replays pending tombstones and waits for them: never on the L2 client's I/O thread.
        ping.orTimeout(timeoutNanos, TimeUnit.NANOSECONDS).whenCompleteAsync((ok, failure) -> {
            if (failure == null) {
                breaker.probeSucceeded();
            } else {
                breaker.probeFailed();
            }
        }, executor);
    }

    private void remember(Pending p) {
        if (pendingCount.incrementAndGet() > maxPending) {
            pendingCount.decrementAndGet();
            pendingOverflow.set(true);
            return;
        }
        pending.add(p);
    }

    /** Replays remembered tombstones straight to L2 (the breaker may be mid-probe); true if all landed. */
    private boolean replayPending() {
        List<CompletableFuture<?>> sent = new ArrayList<>();
        List<Pending> taken = new ArrayList<>();
        long overflowVersion = 0;
        if (pendingOverflow.getAndSet(false)) {
            Pending all = new Pending(Invalidation.Kind.ALL, "", nextVersion.getAsLong());
            taken.add(all);
            overflowVersion = all.version();
        }
        for (Pending p; (p = pending.poll()) != null; ) {
            pendingCount.decrementAndGet();
            taken.add(p);
        }
        for (Pending p : taken) {
            try {
                sent.add(tombstone(p).orTimeout(timeoutNanos * 4, TimeUnit.NANOSECONDS));
            } catch (RuntimeException e) {
                sent.add(CompletableFuture.failedFuture(e));
            }
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            if (overflowVersion != 0) {
                LOG.log(Level.WARNING, "cache ''{0}'': too many writes while L2 was away; tombstoned its namespace",
                        cacheName);
            }
            return true;
        } catch (RuntimeException e) {
            errors.increment();
            taken.forEach(this::remember);
            return false;
        }
    }

    private final class Transitions implements CircuitBreaker.Transitions {
        @Override
        public void opened() {
            switches.increment();
            LOG.log(Level.WARNING, "cache ''{0}'': L2 unavailable, serving from L1 only", cacheName);
        }

        /**
         * Runs before the breaker closes: L2 must have every missed tombstone, and L1 must be dropped, before
         * anyone can see L2 as available again; otherwise a reader could meet a stale L1 entry in between.
         */
        @Override
        public boolean beforeClose() {
            if (!replayPending()) {
                return false;
            }
            onClosed.run();
            switches.increment();
            LOG.log(Level.INFO, "cache ''{0}'': L2 answers again, L1 dropped and L2 back in use", cacheName);
            return true;
        }

        @Override
        public void closed() {
            // everything a close needs happened in beforeClose, while the breaker still kept L2 out of use
        }
    }
}
