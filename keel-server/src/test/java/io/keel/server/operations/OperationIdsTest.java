package io.keel.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.keel.testkit.ManualClock;
import org.junit.jupiter.api.Test;

class OperationIdsTest {

    @Test
    void idsSortInTheOrderTheyWereMadeEvenWithinOneMillisecond() {
        // Randomised cases from a fixed seed (jqwik is not used here: its authors ask AI agents not to).
        java.util.Random random = new java.util.Random(42);
        for (int round = 0; round < 50; round++) {
            idsSortInOrder(1 + random.nextInt(10_000), random.nextInt(4));
        }
    }

    private static void idsSortInOrder(int count, int advanceEvery) {
        ManualClock clock = new ManualClock(Instant.parse("2026-05-01T00:00:00Z"));
        OperationIds ids = new OperationIds(clock);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (advanceEvery > 0 && i % advanceEvery == 0) {
                clock.advanceMillis(1);
            }
            made.add(ids.next());
        }
        assertThat(made).isSorted().doesNotHaveDuplicates();
        assertThat(UUID.fromString(made.getFirst()).version()).isEqualTo(7);
    }

    @Test
    void theIdCarriesItsMillisecond() {
        ManualClock clock = new ManualClock(Instant.parse("2026-05-01T00:00:00Z"));
        UUID id = UUID.fromString(new OperationIds(clock).next());
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(clock.millis());
    }

    @Test
    void concurrentCallersNeverGetTheSameId() throws InterruptedException {
        OperationIds ids = new OperationIds(java.time.InstantSource.system());
        ConcurrentLinkedQueue<String> made = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 5_000; i++) {
                    made.add(ids.next());
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(made).hasSize(40_000).doesNotHaveDuplicates();
    }
}
