package io.keel.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SlaTest {

    static LoadResult result(long requests, long errors, double p95) {
        Percentiles p = new Percentiles(requests, 1, p95 / 2, p95 * 0.9, p95, p95 * 1.2, p95 * 1.5, p95 * 2, p95 / 2);
        return new LoadResult("s", "open", 100, 0, 10, requests, errors, 0, 0, requests / 10.0, p, p,
                errors == 0 ? Map.of() : Map.of("HTTP 503", errors), List.of());
    }

    @Test
    void g1DefaultsAreP95Below200MsAndErrorsBelowATenthOfAPercent() {
        assertThat(Sla.G1).isEqualTo(new Sla(200, 0.001));
        assertThat(Sla.G1.judge(result(10_000, 9, 199.9)).passed()).isTrue();
        assertThat(Sla.G1.judge(result(10_000, 0, 200)).breaches()).containsExactly("p95 200.0 ms >= 200.0 ms");
        assertThat(Sla.G1.judge(result(10_000, 10, 10)).breaches()).singleElement().asString()
                .startsWith("error rate 0.100 %");
        assertThat(Sla.G1.judge(result(10_000, 50, 300)).breaches()).hasSize(2);
    }

    @Test
    void aRunWithNoRequestFails() {
        assertThat(Sla.G1.judge(result(0, 0, 0)).breaches()).containsExactly("no request completed");
    }

    @Test
    void badTargetsAreRefusedQuotingTheValue() {
        assertThatThrownBy(() -> new Sla(0, 0.1)).hasMessageContaining("--sla-p95-ms").hasMessageContaining("'0.0'");
        assertThatThrownBy(() -> new Sla(10, 2)).hasMessageContaining("--sla-error-rate").hasMessageContaining("'2.0'");
    }
}
