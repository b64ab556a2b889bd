package io.keel.monitor;

import static io.keel.monitor.MonitorSeries.*;

import java.time.Duration;
import java.util.List;

/**
 * The rules F4 and G3 ask for, over the {@link MonitorSeries} names. Thresholds follow G1/G3
 * (p95 below 200 ms; CPU below 70 %, memory below 80 %, DB connections below 80 % of the pool,
 * network below 60 %); clear thresholds sit a little on the good side so an alert does not flap.
 */
public final class DefaultAlertRules {

    private DefaultAlertRules() {
    }

    /** The default rules with a queue-wait bound of 5 s. */
    public static List<AlertRule> all() {
        return all(Duration.ofSeconds(5));
    }

    public static List<AlertRule> all(Duration queueWaitBound) {
        double qw = queueWaitBound.toNanos() / 1e9;
        return List.of(
                AlertRule.above("latency-p95", LATENCY_P95, 0.200).clearAt(0.180).forDuration(Duration.ofMinutes(1))
                        .nOfM(3, 4).severity(Severity.WARNING).description("API p95 latency above 200 ms (G1)").build(),
                AlertRule.above("throughput-drop", THROUGHPUT, 0.5).clearAt(0.3)
                        .signal(Signal.DROP, Duration.ofMinutes(10)).forDuration(Duration.ofMinutes(2))
                        .severity(Severity.WARNING).description("throughput below half its 10-minute mean (F4)").build(),
                AlertRule.above("error-rate", ERROR_RATIO, 0.05).clearAt(0.04).forDuration(Duration.ofMinutes(1))
                        .nOfM(3, 4).severity(Severity.CRITICAL).description("more than 5 % of requests fail (F4)").build(),
                AlertRule.above("cpu-high", SYSTEM_CPU, 0.70).clearAt(0.65).forDuration(Duration.ofMinutes(5))
                        .nOfM(4, 5).severity(Severity.WARNING).description("system CPU above 70 % (G3)").build(),
                AlertRule.above("memory-high", MEMORY_USAGE, 0.80).clearAt(0.75).forDuration(Duration.ofMinutes(5))
                        .severity(Severity.WARNING).description("system memory above 80 % (G3)").build(),
                AlertRule.above("heap-high", HEAP_USAGE, 0.80).clearAt(0.70).forDuration(Duration.ofMinutes(2))
                        .signal(Signal.AVG, Duration.ofMinutes(1))
                        .severity(Severity.WARNING).description("JVM heap above 80 % on average (G7)").build(),
                AlertRule.below("disk-free-low", DISK_FREE_RATIO, 0.10).clearAt(0.12).forDuration(Duration.ofMinutes(1))
                        .severity(Severity.CRITICAL).description("less than 10 % disk space free (F4)").build(),
                AlertRule.above("db-pool-high", DB_POOL_USAGE, 0.80).clearAt(0.70).forDuration(Duration.ofMinutes(2))
                        .nOfM(3, 4).severity(Severity.WARNING).description("DB pool above 80 % of its connections (G3)").build(),
                AlertRule.above("network-high", NET_USAGE, 0.60).clearAt(0.50).forDuration(Duration.ofMinutes(5))
                        .nOfM(4, 5).severity(Severity.WARNING).description("network above 60 % of link speed (G3)").build(),
                AlertRule.above("queue-wait-high", QUEUE_WAIT_P95, qw).clearAt(qw * 0.8).forDuration(Duration.ofMinutes(1))
                        .nOfM(3, 4).severity(Severity.WARNING)
                        .description("operations wait more than " + queueWaitBound.toMillis() + " ms in the queue (F1)").build());
    }
}
