package io.keel.server.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.TimeMeter;
import io.keel.server.http.ClientRateLimiter;
import io.keel.testkit.PrivateRedis;
import io.keel.testkit.Services;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' rate limits on a private redis-server that goes away and comes back, or is not there yet: requests
 * never fail, the limit is per node while Redis is away and shared again once it answers.
 */
class FallbackRateLimiterTest {

    private static final long BURST = 5;
    private static final Duration RETRY = Duration.ofMillis(100);

    private PrivateRedis redis;
    private String prefix;

    @BeforeEach
    void setUp() {
        Services.REDIS.require();
        redis = new PrivateRedis();
        prefix = "keeltest:" + UUID.randomUUID() + ":";
    }

    @AfterEach
    void tearDown() {
        redis.stop();
    }

    private FallbackRateLimiter node() {
        // A slow refill (1 token a minute), so what a test spends stays spent.
        return new FallbackRateLimiter(() -> new ScriptedRedisRateLimiter(redis.url(), prefix, 1,
                Duration.ofMinutes(1), BURST), new ClientRateLimiter(1, BURST, TimeMeter.SYSTEM_NANOTIME),
                System::nanoTime, RETRY);
    }

    /** How many of {@code attempts} requests of {@code client} this node lets through. */
    private static long allowed(RateLimiter node, String client, int attempts) {
        long passed = 0;
        for (int i = 0; i < attempts; i++) {
            if (node.tryConsume(client).isConsumed()) {
                passed++;
            }
        }
        return passed;
    }

    /** Requests drive the probes and reconnection attempts; waits until both nodes decide through Redis again. */
    private static void awaitShared(FallbackRateLimiter a, FallbackRateLimiter b) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            allowed(a, "probe", 1);
            allowed(b, "probe", 1);
            return a.shared() && b.shared();
        });
    }

    @Test
    void sharesTheLimitWhileRedisAnswersLimitsPerNodeWhileItIsAwayAndSharesAgainAfter() {
        redis.start();
        try (FallbackRateLimiter a = node(); FallbackRateLimiter b = node()) {
            assertThat(a.shared()).isTrue();
            assertThat(allowed(a, "c1", 3) + allowed(b, "c1", 10)).isEqualTo(BURST);

            redis.stop();
            // No request fails; each node now holds the client to its own bucket.
            assertThat(allowed(a, "c2", 10)).isEqualTo(BURST);
            assertThat(allowed(b, "c2", 10)).isEqualTo(BURST);
            assertThat(a.shared()).isFalse();

            redis.start();
            awaitShared(a, b);
            assertThat(allowed(a, "c3", 4) + allowed(b, "c3", 10)).isEqualTo(BURST);
        }
    }

    @Test
    void aNodeStartedWhileRedisIsDownLimitsAloneThenSharesOnceRedisAnswers() {
        try (FallbackRateLimiter a = node(); FallbackRateLimiter b = node()) {
            assertThat(a.shared()).isFalse();
            assertThat(allowed(a, "c1", 10)).isEqualTo(BURST);
            assertThat(allowed(b, "c1", 10)).isEqualTo(BURST);

            redis.start();
            awaitShared(a, b);
            assertThat(allowed(a, "c2", 2) + allowed(b, "c2", 10)).isEqualTo(BURST);
        }
    }

    /**
     * Eight threads ask for tokens without pause while Redis stops and starts twice underneath: no call throws,
     * none waits for long (each answer is bounded by the 250 ms command timeout; a lost one would hang the
     * thread), and both nodes end up sharing the limit again.
     */
    @Test
    void manyThreadsThroughTwoOutagesNeverFailAndEndUpSharing() throws Exception {
        redis.start();
        try (FallbackRateLimiter a = node(); FallbackRateLimiter b = node();
             var pool = Executors.newFixedThreadPool(8)) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong answers = new AtomicLong();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                FallbackRateLimiter node = t % 2 == 0 ? a : b;
                String client = "stress-" + t;
                workers.add(pool.submit(() -> {
                    while (!stop.get()) {
                        node.tryConsume(client);
                        answers.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (int outage = 0; outage < 2; outage++) {
                long before = answers.get();
                await().atMost(Duration.ofSeconds(30)).until(() -> answers.get() > before + 1_000);
                redis.stop();
                long during = answers.get();
                await().atMost(Duration.ofSeconds(30)).until(() -> answers.get() > during + 1_000);
                redis.start();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> a.shared() && b.shared());
            stop.set(true);
            for (Future<?> worker : workers) {
                worker.get(30, TimeUnit.SECONDS); // rethrows anything a call threw
            }
        }
    }
}
