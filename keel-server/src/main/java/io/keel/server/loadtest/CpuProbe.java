package io.keel.server.loadtest;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Reads CPU seconds consumed so far: the target's own, from its Prometheus {@code /metrics}
 * ({@code process_cpu_time_*} written by Micrometer's ProcessorMetrics, or the classic {@code process_cpu_seconds_total}),
 * else this process's (then the plan describes the load generator, and says so).
 */
public final class CpuProbe {

    private final URI metrics;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    public CpuProbe(URI target) {
        this.metrics = target.resolve("/metrics");
    }

    /** CPU seconds of the target if its /metrics says, else empty. */
    public OptionalDouble targetCpuSeconds() {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(15))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? parse(response.body()) : OptionalDouble.empty();
        } catch (Exception e) {
            return OptionalDouble.empty();
        }
    }

    public static double localCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return 0;
    }

    static OptionalDouble parse(String prometheusText) {
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] parts = line.trim().split("\\s+");
            if (parts.length < 2) {
                continue;
            }
            String name = parts[0].contains("{") ? parts[0].substring(0, parts[0].indexOf('{')) : parts[0];
            double scale = switch (name) {
                case "process_cpu_time_ns_total", "process_cpu_time_nanoseconds_total" -> 1e-9;
                case "process_cpu_time_seconds_total", "process_cpu_seconds_total" -> 1;
                case "process_cpu_time_milliseconds_total" -> 1e-3;
                default -> 0;
            };
            if (scale > 0) {
                try {
                    return OptionalDouble.of(Double.parseDouble(parts[1]) * scale);
                } catch (NumberFormatException e) {
                    return OptionalDouble.empty();
                }
            }
        }
        return OptionalDouble.empty();
    }
}
