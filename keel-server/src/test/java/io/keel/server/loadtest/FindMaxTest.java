package io.keel.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FindMaxTest {

    @Test
    void growsThenBisectsToTheEdgeOfTheSla() {
        // A model target: p95 stays at 20 ms up to 730 req/s, then jumps to 500 ms.
        List<Double> probed = new ArrayList<>();
        FindMax.Outcome outcome = FindMax.defaults(Sla.G1).search(100, rate -> {
            probed.add(rate);
            return SlaTest.result(1_000, 0, rate <= 730 ? 20 : 500);
        }, step -> { });

        assertThat(outcome.maxRate()).isBetween(730 / 1.05, 730.0);
        assertThat(outcome.brokenRate()).isGreaterThan(730).isLessThanOrEqualTo(outcome.maxRate() * 1.05);
        assertThat(probed).startsWith(100.0, 150.0, 225.0, 337.5, 506.25, 759.375);
        assertThat(outcome.steps()).hasSizeLessThanOrEqualTo(12);
    }

    @Test
    void stepsDownWhenTheFirstRateAlreadyBreaks() {
        FindMax.Outcome outcome = FindMax.defaults(Sla.G1).search(1_000,
                rate -> SlaTest.result(1_000, 0, rate <= 300 ? 20 : 500), step -> { });
        assertThat(outcome.maxRate()).isBetween(300 / 1.05, 300.0);
    }

    @Test
    void theStepBudgetBoundsTheSearch() {
        FindMax.Outcome outcome = new FindMax(Sla.G1, 1.5, 0.05, 3).search(100,
                rate -> SlaTest.result(1_000, 0, 20), step -> { });
        assertThat(outcome.steps()).hasSize(3);
        assertThat(outcome.maxRate()).isEqualTo(225.0);
        assertThat(outcome.brokenRate()).isZero();
    }

    @Test
    void convergesOnAStubThatSlowsDownPastAConcurrencyLimit() throws Exception {
        // Past 4 concurrent requests the stub answers in 400 ms instead of 20 ms. Little's law puts the edge near
        // 4 / 0.02 s = 200 req/s; bounds are wide because the machine is shared.
        try (StubServer stub = StubServer.start((n, concurrency) -> Thread.sleep(concurrency > 4 ? 400 : 20))) {
            LoadGenerator generator = new LoadGenerator();
            LoadOptions base = LoadOptions.open(stub.uri(), 40, Duration.ofMillis(300), Duration.ofMillis(1_500));
            FindMax.Outcome outcome = new FindMax(Sla.G1, 2, 0.25, 8).search(40,
                    rate -> generator.run(Scenarios.oneGet(), base.withRate(rate), p -> { }), step -> { });

            assertThat(outcome.maxRate()).isGreaterThan(0);
            assertThat(outcome.brokenRate()).isGreaterThan(outcome.maxRate());
            assertThat(outcome.maxRate()).isLessThan(1_000);
            assertThat(outcome.steps()).hasSizeLessThanOrEqualTo(8);
        }
    }
}
