package io.keel.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The open model measures from the intended start: a fixed-delay target never looks faster than its delay, and a
 * target that stalls shows the stall in the corrected percentiles while the send-to-answer (uncorrected) ones hide it.
 */
class CoordinatedOmissionTest {

    private final LoadGenerator generator = new LoadGenerator();

    @Test
    void aFixedDelayTargetHasNoPercentileBelowTheDelayAndAMedianCloseAboveIt() throws Exception {
        try (StubServer stub = StubServer.fixedDelay(50)) {
            LoadResult result = generator.run(Scenarios.oneGet(),
                    LoadOptions.open(stub.uri(), 25, Duration.ofSeconds(1), Duration.ofSeconds(3)), p -> { });

            assertThat(result.errors()).isZero();
            assertThat(result.requests()).isGreaterThanOrEqualTo(60);
            Percentiles p = result.corrected();
            assertThat(p.min()).isGreaterThanOrEqualTo(50.0);
            assertThat(java.util.List.of(p.p50(), p.p90(), p.p95(), p.p99(), p.p999(), p.max()))
                    .allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(50.0));
            assertThat(p.p50()).isLessThanOrEqualTo(60.0);
            assertThat(result.uncorrected().min()).isGreaterThanOrEqualTo(50.0);
        }
    }

    @Test
    void aOneSecondStallShowsInTheCorrectedP99ButNotInTheUncorrectedOne() throws Exception {
        // The 1 s ramp-up doubles as the JVM's warm-up (the first request pays for class loading), and is not
        // in the steady-state percentiles. One connection's worth of in-flight requests, like a closed-loop tool: while the stalled request hangs,
        // the following ones cannot be sent, and only the intended-start timeline remembers they were due.
        try (StubServer stub = StubServer.start((n, c) -> {
            if (n == 200) {
                Thread.sleep(1_000);
            }
        })) {
            LoadOptions options = new LoadOptions(stub.uri(), 100, 0, Duration.ZERO, Duration.ofSeconds(1),
                    Duration.ofSeconds(4), 1, Duration.ofSeconds(10));
            LoadResult result = generator.run(Scenarios.oneGet(), options, p -> { });

            // Only the tail of the backlog may still be waiting for the one slot when the run ends.
            assertThat(result.errorsByKind().keySet()).as("%s", result).isSubsetOf("dropped (in-flight limit)");
            assertThat(result.late()).isPositive();
            assertThat(result.corrected().max()).isGreaterThanOrEqualTo(900.0);
            assertThat(result.corrected().p99()).isGreaterThanOrEqualTo(500.0);
            assertThat(result.uncorrected().max()).isGreaterThanOrEqualTo(900.0);
            assertThat(result.uncorrected().p99()).isLessThan(result.corrected().p99() / 4);
        }
    }
}
