package io.keel.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CapacityPlanTest {

    @Test
    void coresNeededFollowCpuPerRequestAndTheSeventyPercentCeiling() {
        // 3 CPU seconds for 10,000 requests = 0.3 ms each; 5,000 req/s need 1.5 cores of work, 2.14 at 70 %.
        CapacityPlan plan = CapacityPlan.of("target /metrics", 3.0, 10_000, 5_000, CapacityPlan.G3_CEILING);
        assertThat(plan.cpuMsPerRequest()).isCloseTo(0.3, within(1e-9));
        assertThat(plan.coresNeeded()).isCloseTo(1.5 / 0.7, within(1e-9));
    }

    @Test
    void readsMicrometersProcessCpuTimeFromPrometheusText() {
        String text = """
                # HELP process_cpu_usage The "recent cpu usage" for the Java Virtual Machine process
                process_cpu_usage 0.25
                # TYPE process_cpu_time_ns_total counter
                process_cpu_time_ns_total 1.5E10
                system_cpu_count 2.0
                """;
        assertThat(CpuProbe.parse(text).orElseThrow()).isCloseTo(15.0, within(1e-9));
        assertThat(CpuProbe.parse("process_cpu_seconds_total{job=\"x\"} 4.5\n")).hasValue(4.5);
        assertThat(CpuProbe.parse("system_cpu_count 2.0\n")).isEmpty();
    }
}
