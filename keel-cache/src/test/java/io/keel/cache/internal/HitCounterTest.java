package io.keel.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Plain-store stripes with a shared fallback: nothing may be lost, whoever counts and however threads come and go. */
class HitCounterTest {

    @Test
    void countsEveryIncrementOfOneThread() {
        HitCounter counter = new HitCounter();
        for (int i = 0; i < 1_000; i++) {
            counter.increment();
        }
        assertThat(counter.sum()).isEqualTo(1_000);
    }

    @Test
    void losesNothingWhenMoreThreadsThanStripesCountAtOnce() throws Exception {
        HitCounter counter = new HitCounter();
        // 200 threads on 64 stripes: many share one, so most of them count on the shared adder, all at once.
        runWave(counter, 200, 5_000);
        assertThat(counter.sum()).isEqualTo(200L * 5_000);
    }

    @Test
    void twoBusyThreadsOnOneStripeLoseNothing() throws Exception {
        HitCounter counter = new HitCounter();
        int each = 2_000_000;
        CountDownLatch start = new CountDownLatch(1);
        Runnable work = counting(counter, start, each);
        // Two threads whose ids hash to the same stripe: only one may own it, the other must count elsewhere.
        Map<Integer, Thread> byStripe = new HashMap<>();
        Thread first;
        Thread second;
        while (true) {
            Thread candidate = Thread.ofPlatform().unstarted(work);
            Thread earlier = byStripe.putIfAbsent(HitCounter.stripeOf(candidate.threadId()), candidate);
            if (earlier != null) {
                first = earlier;
                second = candidate;
                break;
            }
        }
        first.start();
        second.start();
        start.countDown();
        first.join();
        second.join();
        assertThat(counter.sum()).isEqualTo(2L * each);
    }

    @Test
    void stripesOfTerminatedThreadsPassOnWithTheirCounts() throws Exception {
        HitCounter counter = new HitCounter();
        for (int wave = 0; wave < 20; wave++) {
            runWave(counter, 16, 1_000);
        }
        assertThat(counter.sum()).isEqualTo(20L * 16 * 1_000);
    }

    @Property(tries = 30)
    void theSumIsEveryIncrementOfEveryWave(
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 80) Integer> threadsPerWave,
            @ForAll @IntRange(min = 1, max = 300) int incrementsEach) throws Exception {
        HitCounter counter = new HitCounter();
        long expected = 0;
        for (int threads : threadsPerWave) {
            runWave(counter, threads, incrementsEach);
            expected += (long) threads * incrementsEach;
        }
        assertThat(counter.sum()).isEqualTo(expected);
    }

    /** Starts {@code threads} threads (platform and virtual alternately) that count together, and waits for them. */
    private static void runWave(HitCounter counter, int threads, int each) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Runnable work = counting(counter, start, each);
            running.add(t % 2 == 0 ? Thread.ofPlatform().start(work) : Thread.ofVirtual().start(work));
        }
        start.countDown();
        for (Thread thread : running) {
            thread.join();
        }
    }

    /** Waits for {@code start}, then counts {@code each} times. */
    private static Runnable counting(HitCounter counter, CountDownLatch start, int each) {
        return () -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (int i = 0; i < each; i++) {
                counter.increment();
            }
        };
    }
}
