package io.keel.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SingleFlightTest {

    private static final int CALLERS = 1_000;

    @ParameterizedTest(name = "with L2: {0}")
    @ValueSource(booleans = {false, true})
    void aThousandConcurrentMissesCallTheLoaderOnce(boolean withL2) throws Exception {
        CacheConfig.Builder<String, String> config = CacheConfig.builder(Codecs.utf8());
        if (withL2) {
            config.secondLevel(new InMemorySecondLevel());
        }
        AtomicInteger loads = new AtomicInteger();
        AtomicInteger arrived = new AtomicInteger();
        CountDownLatch everyoneArrived = new CountDownLatch(1);
        try (TieredCache<String, String> cache = TieredCache.create(config.build());
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                results.add(threads.submit(() -> {
                    if (arrived.incrementAndGet() == CALLERS) {
                        everyoneArrived.countDown();
                    }
                    return cache.get("report", key -> {
                        loads.incrementAndGet();
                        // Hold the load until every caller has asked, so they all miss together.
                        await(everyoneArrived);
                        return "computed";
                    });
                }));
            }
            for (Future<String> r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS)).isEqualTo("computed");
            }
            assertThat(loads).hasValue(1);
            assertThat(cache.stats().l1().loads()).isEqualTo(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("callers never all arrived");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
