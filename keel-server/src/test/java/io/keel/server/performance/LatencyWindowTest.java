package io.keel.server.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LatencyWindowTest {

    private static final long WINDOW = Duration.ofSeconds(10).toNanos();

    @Test
    void percentilesCoverWhatWasRecordedWithinTheWindow() {
        LatencyWindow window = new LatencyWindow(WINDOW);
        for (int ms = 1; ms <= 100; ms++) {
            window.record(ms * 1000L);
        }

        LatencyWindow.View view = window.view(0);

        assertThat(view.count()).isEqualTo(100);
        assertThat(view.p50Ms()).isCloseTo(50, within(1.0));
        assertThat(view.p95Ms()).isCloseTo(95, within(1.0));
        assertThat(view.p99Ms()).isCloseTo(99, within(1.0));
    }

    @Test
    void oldSlicesLeaveTheWindow() {
        LatencyWindow window = new LatencyWindow(WINDOW);
        window.record(500_000);
        assertThat(window.view(0).count()).isEqualTo(1);

        window.record(2_000);
        assertThat(window.view(WINDOW / 2).count()).isEqualTo(2);
        LatencyWindow.View later = window.view(WINDOW + WINDOW / 4);

        assertThat(later.count()).as("only the slice read at WINDOW/2 is recent enough").isEqualTo(1);
        assertThat(later.p99Ms()).isCloseTo(2.0, within(0.1));
        assertThat(window.view(3 * WINDOW).count()).isZero();
        assertThat(window.view(3 * WINDOW).p50Ms()).isZero();
    }
}
