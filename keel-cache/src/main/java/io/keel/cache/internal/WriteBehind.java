package io.keel.cache.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.keel.cache.SecondLevel;

/**
 * Coalescing write-behind: L2 writes wait in a bounded map, one per key (the highest version wins), and go to L2
 * in batches, many keys per round trip.
 *
 * <ul>
 *   <li><b>Coalescing</b>: a write of a key that already waits replaces the waiting one if its version is higher
 *       (and is dropped if lower); both callers share one completion. Versions still guard L2, so a batch that
 *       arrives late is refused key by key where L2 holds something newer (a value or an invalidation).</li>
 *   <li><b>Bounded</b>: at most {@code maxPending} keys wait, plus at most {@code maxInFlight} batches of
 *       {@code maxBatch} keys on the wire. A writer that needs a new slot while the map is full sends batches itself
 *       (flushes synchronously) until a slot frees; nothing is dropped and nothing grows without bound.</li>
 *   <li><b>Fair</b>: keys leave in the order they first entered (a FIFO of keys beside the map), so a key rewritten
 *       all the time still reaches L2 within one pass over the buffer.</li>
 *   <li><b>Self-clocking</b>: a batch is sent whenever fewer than {@code maxInFlight} are on the wire; while L2 is
 *       slow, writes pile up and the next batch carries more of them.</li>
 * </ul>
 *
 * <p>Sending never blocks (the L2 call is asynchronous), so it may run on a writer's thread or on the thread that
 * completes the previous batch; no executor is needed, which keeps a full buffer from waiting on a busy pool.
 */
final class WriteBehind<K> {

    /** A write waiting for L2; {@code token} is what the refusal callback gets back (the L1 entry). */
    private record Pending<K>(K key, SecondLevel.Write write, Object token, CompletableFuture<Void> done) {
    }

    private final Map<K, Pending<K>> pending = new ConcurrentHashMap<>();
    private final Queue<K> order = new ConcurrentLinkedQueue<>();
    private final Set<CompletableFuture<Void>> onTheWire = ConcurrentHashMap.newKeySet();
    private final Semaphore slots;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final int maxInFlight;
    private final int maxBatch;
    private final Function<List<SecondLevel.Write>, CompletableFuture<List<Boolean>>> sink;
    private final BiConsumer<K, Object> onRefused;

    /**
     * @param sink      sends one batch; must not throw and must complete (the guarded L2 times out and absorbs
     *                  failures, answering null, "unknown", for each write it could not confirm)
     * @param onRefused called for each key whose latest waiting write L2 refused (it holds a newer version); not
     *                  for writes whose fate is unknown, which the guarded L2 remembers and replays as tombstones
     */
    WriteBehind(int maxPending, int maxInFlight, int maxBatch,
                Function<List<SecondLevel.Write>, CompletableFuture<List<Boolean>>> sink,
                BiConsumer<K, Object> onRefused) {
        this.slots = new Semaphore(maxPending);
        this.maxInFlight = maxInFlight;
        this.maxBatch = maxBatch;
        this.sink = sink;
        this.onRefused = onRefused;
    }

    /**
     * Queues a write. Returns at once unless the buffer is full, in which case the caller sends batches until a slot
     * frees. The future completes once L2 answered for this key's write or a newer one that replaced it.
     */
    CompletableFuture<Void> submit(K key, SecondLevel.Write write, Object token) {
        while (true) {
            Pending<K> waiting = pending.get(key);
            if (waiting != null) {
                if (waiting.write().version() >= write.version()) {
                    return waiting.done();
                }
                Pending<K> newer = new Pending<>(key, write, token, waiting.done());
                if (pending.replace(key, waiting, newer)) {
                    return newer.done();
                }
                continue;
            }
            acquireSlot();
            Pending<K> fresh = new Pending<>(key, write, token, new CompletableFuture<>());
            if (pending.putIfAbsent(key, fresh) == null) {
                order.add(key);
                send();
                return fresh.done();
            }
            slots.release();
        }
    }

    /** Keys waiting (not yet on the wire). */
    int waiting() {
        return pending.size();
    }

    /**
     * Sends everything that waits and returns when L2 answered for all of it (or {@code max} passed), so that a
     * close or a test sees every earlier write settled.
     */
    void flush(Duration max) {
        // Waiting writes first, then batches: a write taken off the map in between is already in a registered batch
        // (send registers the batch before it takes writes), so none slips through.
        List<CompletableFuture<Void>> all = new ArrayList<>();
        pending.values().forEach(p -> all.add(p.done()));
        all.addAll(onTheWire);
        send();
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(max.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // the guarded L2 bounds every call; a timeout here means L2 is stuck, and closing must not hang on it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acquireSlot() {
        if (slots.tryAcquire()) {
            return;
        }
        // Full: make room by sending now; if the wire is full too, wait for a batch to come back (it always does:
        // the guarded L2 times out) and try again.
        while (true) {
            send();
            try {
                if (slots.tryAcquire(1, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                slots.acquireUninterruptibly();
                return;
            }
        }
    }

    /** Sends batches while some wait and the wire has room. Never blocks. */
    private void send() {
        while (true) {
            int n = inFlight.get();
            if (n >= maxInFlight || order.isEmpty()) {
                return;
            }
            if (!inFlight.compareAndSet(n, n + 1)) {
                continue;
            }
            CompletableFuture<Void> wire = new CompletableFuture<>();
            onTheWire.add(wire);
            List<Pending<K>> batch = take();
            if (batch.isEmpty()) {
                onTheWire.remove(wire);
                wire.complete(null);
                inFlight.decrementAndGet();
                continue;
            }
            dispatch(batch, wire);
        }
    }

    private List<Pending<K>> take() {
        List<Pending<K>> batch = new ArrayList<>(Math.min(maxBatch, 64));
        for (K key; batch.size() < maxBatch && (key = order.poll()) != null; ) {
            Pending<K> p = pending.remove(key);
            if (p != null) {
                batch.add(p);
            }
        }
        // One release for the batch: per key, each release would signal the same parked writers again, on the
        // thread (often Redis' event loop) that is about to encode this batch.
        if (!batch.isEmpty()) {
            slots.release(batch.size());
        }
        return batch;
    }

    private void dispatch(List<Pending<K>> batch, CompletableFuture<Void> wire) {
        List<SecondLevel.Write> writes = new ArrayList<>(batch.size());
        for (Pending<K> p : batch) {
            writes.add(p.write());
        }
        CompletableFuture<List<Boolean>> answer;
        try {
            answer = sink.apply(writes);
        } catch (RuntimeException e) {
            answer = CompletableFuture.completedFuture(null);
        }
        answer.whenComplete((written, failure) -> {
            try {
                for (int i = 0; i < batch.size(); i++) {
                    Pending<K> p = batch.get(i);
                    boolean refused = failure == null && written != null && i < written.size()
                            && Boolean.FALSE.equals(written.get(i));
                    try {
                        if (refused) {
                            onRefused.accept(p.key(), p.token());
                        }
                    } finally {
                        p.done().complete(null);
                    }
                }
            } finally {
                onTheWire.remove(wire);
                wire.complete(null);
                inFlight.decrementAndGet();
                send();
            }
        });
    }
}
