package io.keel.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {

    /** Bucket4j time that moves only when the test says so. */
    private static final class ManualTime implements TimeMeter {
        final AtomicLong nanos = new AtomicLong();

        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    @Test
    void eachClientHasItsOwnBucketThatRefillsAtTheRate() {
        ManualTime time = new ManualTime();
        ClientRateLimiter limiter = new ClientRateLimiter(2, 4, time);

        for (int i = 0; i < 4; i++) {
            assertThat(limiter.tryConsume("a").isConsumed()).isTrue();
        }
        ConsumptionProbe refused = limiter.tryConsume("a");
        assertThat(refused.isConsumed()).isFalse();
        assertThat(refused.getNanosToWaitForRefill()).isEqualTo(500_000_000L);
        assertThat(limiter.tryConsume("b").isConsumed()).as("another client is not affected").isTrue();

        time.nanos.addAndGet(500_000_000L);
        assertThat(limiter.tryConsume("a").isConsumed()).isTrue();
        assertThat(limiter.tryConsume("a").isConsumed()).isFalse();
    }
}
