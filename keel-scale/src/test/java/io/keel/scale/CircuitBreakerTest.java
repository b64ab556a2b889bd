package io.keel.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keel.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final ManualClock clock = new ManualClock();
    private final CircuitBreaker breaker = CircuitBreaker.of(
            new CircuitBreakerConfig(0.5, 10, 4, Duration.ofSeconds(30), 2), clock);

    private void call(boolean success) {
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.record(success);
    }

    @Test
    void staysClosedBelowTheMinimumNumberOfCalls() {
        call(false);
        call(false);
        call(false);
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void opensAtTheFailureRateAndFailsFast() {
        call(true);
        call(false);
        call(true);
        call(false);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
    }

    @Test
    void staysClosedWhileTheFailureRateIsBelowTheThreshold() {
        for (int i = 0; i < 30; i++) {
            call(i % 3 != 2);
        }
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void halfOpensAfterTheOpenTimeAndClosesWhenAllTrialsSucceed() {
        opened();
        clock.advance(Duration.ofSeconds(29));
        assertThat(breaker.tryAcquire()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).as("only two trial calls").isFalse();
        breaker.record(true);
        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        breaker.record(true);
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void aFailedTrialOpensAgainForAnotherOpenTime() {
        opened();
        clock.advance(Duration.ofSeconds(30));
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.record(false);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        clock.advance(Duration.ofSeconds(29));
        assertThat(breaker.tryAcquire()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void anUnusedTrialPermissionIsGivenBack() {
        opened();
        clock.advance(Duration.ofSeconds(30));
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.release();
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void aPoolWithAnOpenCircuitRefusesFastAndNamesTheAgent() {
        AgentPool pool = AgentPool.builder("broken").factory(id -> id).capacityPerInstance(10)
                .outlierDetection(null).circuitBreaker(new CircuitBreakerConfig(0.5, 10, 4, Duration.ofSeconds(30), 1))
                .nanoClock(clock).build();
        pool.resize(2);
        for (int i = 0; i < 4; i++) {
            pool.acquire().release(false, Duration.ofMillis(5), new RuntimeException("boom"));
        }
        assertThat(pool.status().circuit()).isEqualTo(CircuitState.OPEN);
        assertThatThrownBy(pool::acquire).isInstanceOf(CircuitOpenException.class)
                .hasMessageContaining("agent 'broken' fails fast");
        clock.advance(Duration.ofSeconds(30));
        pool.acquire().release(true, Duration.ofMillis(5), null);
        assertThat(pool.status().circuit()).isEqualTo(CircuitState.CLOSED);
    }

    private void opened() {
        for (int i = 0; i < 4; i++) {
            call(false);
        }
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }
}
