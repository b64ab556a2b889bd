package io.keel.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class ManualClockTest {

    @Test
    void wallAndMonotonicTimeAdvanceTogether() {
        var clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        clock.advance(Duration.ofSeconds(3));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:03Z"));
        assertThat(clock.nanoTime()).isEqualTo(3_000_000_000L);
    }

    @Test
    void refusesToMoveBackwards() {
        assertThatThrownBy(() -> new ManualClock().advance(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT-0.001S");
    }

    @Test
    void directExecutorRunsOnTheCallingThread() {
        var executor = new DirectExecutor();
        Thread[] ranOn = new Thread[1];
        executor.execute(() -> ranOn[0] = Thread.currentThread());
        assertThat(ranOn[0]).isSameAs(Thread.currentThread());
        assertThat(executor.executedCount()).isEqualTo(1);
    }

    @Test
    void freePortIsOnLoopbackRange() {
        assertThat(FreePorts.next()).isBetween(1, 65535);
    }
}
