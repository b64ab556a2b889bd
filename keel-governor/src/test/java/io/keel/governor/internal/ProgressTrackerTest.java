package io.keel.governor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.keel.testkit.ManualClock;

class ProgressTrackerTest {

    private final ManualClock clock = new ManualClock();
    private final AtomicInteger events = new AtomicInteger();
    private final ProgressTracker tracker = new ProgressTracker(clock, events::incrementAndGet);

    @Test
    void steadyProgressGivesAnEtaFromTheRate() {
        tracker.percent(0);
        assertThat(tracker.current().eta()).isNull();
        clock.advance(Duration.ofSeconds(1));
        tracker.percent(10);
        assertThat(tracker.current().eta()).isEqualTo(Duration.ofSeconds(9));
        clock.advance(Duration.ofSeconds(1));
        tracker.percent(20);
        assertThat(tracker.current().eta()).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void etaIsSmoothedAcrossASuddenlyFastStep() {
        tracker.percent(0);
        clock.advance(Duration.ofSeconds(1));
        tracker.percent(10);
        clock.advance(Duration.ofSeconds(1));
        tracker.percent(60); // one step 5x faster
        Duration eta = tracker.current().eta();
        // unsmoothed (50%/s) would say 0.8 s; the average of rates must stay well above that
        assertThat(eta).isGreaterThan(Duration.ofMillis(800)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void stepsDerivePercentAndFinishingSaysZeroLeft() {
        tracker.step("a", 1, 4);
        assertThat(tracker.current().percent()).isZero();
        tracker.step("c", 3, 4);
        assertThat(tracker.current().percent()).isEqualTo(50.0);
        tracker.percent(100);
        assertThat(tracker.current().eta()).isEqualTo(Duration.ZERO);
    }

    @Test
    void eventsAreThrottledButStepsAndCompletionAlwaysCount() {
        tracker.percent(1);
        tracker.percent(2);
        tracker.percent(3);
        assertThat(events).hasValue(1);
        tracker.step("next", 1, 2);
        assertThat(events).hasValue(2);
        clock.advance(Duration.ofMillis(60));
        tracker.percent(4);
        assertThat(events).hasValue(3);
        tracker.percent(100);
        assertThat(events).hasValue(4);
    }

    @Test
    void outOfRangeValuesAreRefused() {
        assertThatThrownBy(() -> tracker.percent(101)).hasMessageContaining("101");
        assertThatThrownBy(() -> tracker.percent(Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> tracker.step("x", 5, 4)).hasMessageContaining("5 of 4");
    }
}
