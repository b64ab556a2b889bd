package io.keel.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Coalescing write-behind: the latest value per key wins, many keys travel per L2 call, the buffer is bounded
 * (a writer waits rather than the backlog growing) and no write is lost.
 */
class WriteBehindTest {

    /** Counts the keys L2 is asked to write, and the calls that carry them. */
    private static final class Counting extends FaultySecondLevel {
        final AtomicInteger keysSent = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();

        Counting(SecondLevel real) {
            super(real);
        }

        @Override
        public CompletableFuture<List<Boolean>> putAll(List<Write> writes, String origin) {
            calls.incrementAndGet();
            keysSent.addAndGet(writes.size());
            return super.putAll(writes, origin);
        }
    }

    private final InMemorySecondLevel shared = new InMemorySecondLevel();
    private final Counting l2 = new Counting(shared);
    private TieredCache<String, String> cache;

    @AfterEach
    void close() {
        l2.releaseWrites();
        if (cache != null) {
            cache.close();
        }
    }

    private String l2Value(String key) {
        L2Entry e = shared.get(key).join();
        return e == null ? null : new String(e.value());
    }

    @Test
    void rewritesOfAWaitingKeyCoalesceAndTheLatestValueLands() {
        cache = TieredCache.create(CacheConfig.builder(Codecs.utf8()).nodeId("a").secondLevel(l2).build());
        l2.holdWrites();
        for (int i = 0; i <= 100; i++) {
            cache.put("k", "v" + i);
            assertThat(cache.getIfPresent("k")).isEqualTo("v" + i);
        }
        l2.releaseWrites();
        cache.flush();
        assertThat(l2Value("k")).isEqualTo("v100");
        assertThat(cache.getIfPresent("k")).isEqualTo("v100");
        // At most the two batches already on the wire when the rewrites began, plus the one carrying v100.
        assertThat(l2.keysSent.get()).isLessThanOrEqualTo(3);
    }

    @Test
    void manyKeysTravelInFewCalls() {
        cache = TieredCache.create(CacheConfig.builder(Codecs.utf8()).nodeId("a").secondLevel(l2).build());
        l2.holdWrites();
        for (int i = 0; i < 1_000; i++) {
            cache.put("k" + i, "v" + i);
        }
        l2.releaseWrites();
        cache.flush();
        for (int i = 0; i < 1_000; i++) {
            assertThat(l2Value("k" + i)).isEqualTo("v" + i);
        }
        assertThat(l2.keysSent.get()).isEqualTo(1_000);
        // two single-key batches went out before the hold filled the wire; the other 998 keys share few calls
        assertThat(l2.calls.get()).isLessThanOrEqualTo(2 + Math.ceilDiv(998, 256));
    }

    @Test
    void aFullBufferHoldsTheWriterBackAndLosesNothing() throws Exception {
        int limit = 4;
        cache = TieredCache.create(CacheConfig.builder(Codecs.utf8()).nodeId("a").secondLevel(l2)
                .writeBehindLimit(limit).build());
        l2.holdWrites();
        AtomicInteger stored = new AtomicInteger();
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 100; i++) {
                cache.put("k" + i, "v" + i);
                stored.incrementAndGet();
            }
        });
        // The writer fills the wire (two batches) and the buffer, then waits for L2 instead of growing it.
        await().atMost(Duration.ofSeconds(10)).until(() -> stored.get() == limit + 2
                && writer.getState() == Thread.State.TIMED_WAITING);
        assertThat(writer.isAlive()).isTrue();
        l2.releaseWrites();
        writer.join(Duration.ofSeconds(10));
        assertThat(writer.isAlive()).isFalse();
        cache.flush();
        for (int i = 0; i < 100; i++) {
            assertThat(l2Value("k" + i)).isEqualTo("v" + i);
        }
    }

    @Test
    void anInvalidationWhileTheWriteWaitsWins() {
        cache = TieredCache.create(CacheConfig.builder(Codecs.utf8()).nodeId("a").secondLevel(l2).build());
        l2.holdWrites();
        cache.put("x", "first");
        cache.put("y", "second");
        cache.put("k", "old");
        cache.invalidate("k");
        l2.releaseWrites();
        cache.flush();
        assertThat(l2Value("k")).isNull();
        assertThat(cache.getIfPresent("k")).isNull();
        cache.put("k", "new");
        cache.flush();
        assertThat(l2Value("k")).isEqualTo("new");
    }

    @Test
    void closeSendsWhatStillWaits() {
        cache = TieredCache.create(CacheConfig.builder(Codecs.utf8()).nodeId("a").secondLevel(l2).build());
        for (int i = 0; i < 500; i++) {
            cache.put("k" + i, "v" + i);
        }
        cache.close();
        cache = null;
        for (int i = 0; i < 500; i++) {
            assertThat(l2Value("k" + i)).isEqualTo("v" + i);
        }
    }
}
