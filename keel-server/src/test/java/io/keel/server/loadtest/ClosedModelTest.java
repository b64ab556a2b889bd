package io.keel.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ClosedModelTest {

    @Test
    void usersWaitForTheAnswerThenThinkSoConcurrencyNeverExceedsTheUsers() throws Exception {
        java.util.concurrent.atomic.AtomicInteger peak = new java.util.concurrent.atomic.AtomicInteger();
        try (StubServer stub = StubServer.start((n, concurrency) -> {
            peak.accumulateAndGet(concurrency, Math::max);
            Thread.sleep(10);
        })) {
            LoadResult result = new LoadGenerator().run(Scenarios.oneGet(),
                    LoadOptions.closed(stub.uri(), 3, Duration.ofMillis(20), Duration.ZERO, Duration.ofSeconds(1)),
                    p -> { });

            assertThat(result.model()).isEqualTo("closed");
            assertThat(result.errors()).isZero();
            assertThat(result.requests()).isPositive();
            assertThat(peak.get()).isLessThanOrEqualTo(3);
            assertThat(result.corrected().min()).isGreaterThanOrEqualTo(10.0);
        }
    }
}
