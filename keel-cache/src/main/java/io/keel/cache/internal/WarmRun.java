package io.keel.cache.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.keel.cache.Warmer;

/**
 * One warmer's run within its budget. The sink refuses entries once the budget is spent (by the cache's ticker),
 * and the caller stops waiting at the budget (by the wall clock), so neither a slow nor a runaway warmer holds
 * the caller; a warmer still running past its budget can no longer store anything.
 */
final class WarmRun<K, V> {

    record Outcome(long stored, String failure, boolean timedOut) {
    }

    private final DefaultTieredCache<K, V> cache;
    private final Warmer<K, V> warmer;
    private final LongSupplier ticker;
    private final long budgetNanos;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicBoolean refused = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    WarmRun(DefaultTieredCache<K, V> cache, Warmer<K, V> warmer, LongSupplier ticker, long budgetNanos) {
        this.cache = cache;
        this.warmer = warmer;
        this.ticker = ticker;
        this.budgetNanos = budgetNanos;
    }

    Outcome run(Executor executor) {
        long deadline = ticker.getAsLong() + budgetNanos;
        CompletableFuture<Void> task = CompletableFuture.runAsync(() -> {
            try {
                warmer.warm((key, value) -> {
                    if (closed.get() || ticker.getAsLong() > deadline) {
                        refused.set(true);
                        return false;
                    }
                    cache.warmPut(key, value);
                    stored.incrementAndGet();
                    return true;
                });
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, executor);
        try {
            task.get(budgetNanos, TimeUnit.NANOSECONDS);
            return new Outcome(stored.get(), null, refused.get());
        } catch (TimeoutException e) {
            closed.set(true);
            return new Outcome(stored.get(), null, true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            return new Outcome(stored.get(), String.valueOf(cause), refused.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed.set(true);
            return new Outcome(stored.get(), "interrupted", true);
        }
    }
}
