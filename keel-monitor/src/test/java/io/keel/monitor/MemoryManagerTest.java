package io.keel.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.keel.testkit.ManualClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryManagerTest {

    private static final long MAX = 1_000_000_000L;
    private final ManualClock clock = new ManualClock();
    private final AtomicLong used = new AtomicLong(100_000_000L);
    private final AtomicInteger gcRequests = new AtomicInteger();
    private final MemoryManager manager = new MemoryManager(MemoryManagerConfig.defaults(),
            () -> new HeapReading(used.get(), MAX), clock, gcRequests::incrementAndGet);
    private final AtomicInteger cacheRuns = new AtomicInteger();

    MemoryManagerTest() {
        manager.register("cache-l1", () -> {
            cacheRuns.incrementAndGet();
            used.updateAndGet(u -> Math.max(0, u - 150_000_000L));
            return new Cleanup.Freed(150_000_000L, 12_000);
        });
        manager.register("finished-records", () -> new Cleanup.Freed(0, 340));
    }

    @Test
    void staysIdleBelowTheThreshold() {
        used.set(790_000_000L);
        assertThat(manager.check()).isEmpty();
        assertThat(cacheRuns).hasValue(0);
    }

    @Test
    void aboveTheThresholdRunsEveryCleanUpRequestsGcAndReportsWhatEachFreed() {
        used.set(850_000_000L);
        CleanupReport r = manager.check().orElseThrow();
        assertThat(r.trigger()).isEqualTo("pressure");
        assertThat(r.usageBefore()).isEqualTo(0.85);
        assertThat(r.usageAfter()).isEqualTo(0.70);
        assertThat(r.outcomes()).extracting(CleanupReport.Outcome::name).containsExactly("cache-l1", "finished-records");
        assertThat(r.outcomes().getFirst().bytesFreed()).isEqualTo(150_000_000L);
        assertThat(r.outcomes().getFirst().entriesFreed()).isEqualTo(12_000);
        assertThat(r.bytesFreed()).isEqualTo(150_000_000L);
        assertThat(r.entriesFreed()).isEqualTo(12_340);
        assertThat(gcRequests).hasValue(1);
        assertThat(manager.reports()).containsExactly(r);
    }

    @Test
    void hysteresisStopsItLoopingWhilePressureLasts() {
        used.set(950_000_000L);
        assertThat(manager.check()).isPresent();
        // still above 80 % after the clean-up: no rerun on every check
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(5));
            assertThat(manager.check()).isEmpty();
        }
        assertThat(cacheRuns).hasValue(1);
        // the cooldown lets it try again under sustained pressure
        used.set(950_000_000L);
        clock.advance(Duration.ofMinutes(5));
        assertThat(manager.check()).isPresent();
        assertThat(cacheRuns).hasValue(2);
    }

    @Test
    void reArmsOnceUsageFallsBelowTheClearThreshold() {
        used.set(850_000_000L);
        manager.check();
        assertThat(manager.armed()).isFalse();
        used.set(750_000_000L);
        assertThat(manager.check()).isEmpty();
        assertThat(manager.armed()).as("75 % is above the 70 % clear threshold").isFalse();
        used.set(600_000_000L);
        manager.check();
        assertThat(manager.armed()).isTrue();
        used.set(850_000_000L);
        assertThat(manager.check()).isPresent();
    }

    @Test
    void aFailingCleanUpIsReportedAndDoesNotStopTheOthers() {
        manager.register("broken", () -> {
            throw new IllegalStateException("boom");
        });
        CleanupReport r = manager.cleanUpNow();
        assertThat(r.trigger()).isEqualTo("manual");
        assertThat(r.outcomes()).extracting(CleanupReport.Outcome::name)
                .containsExactly("cache-l1", "finished-records", "broken");
        assertThat(r.outcomes().get(2).error()).contains("boom");
    }

    @Test
    void anUnregisteredCleanUpNoLongerRuns() throws Exception {
        AutoCloseable handle = manager.register("temp", () -> Cleanup.Freed.NOTHING);
        handle.close();
        assertThat(manager.cleanUpNow().outcomes()).extracting(CleanupReport.Outcome::name)
                .doesNotContain("temp");
    }
}
