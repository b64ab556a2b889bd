package io.keel.server.loadtest;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A load scenario: weighted requests plus the run's shape. {@code rate} (requests/s, open model) may be 0
 * when the command line gives it or the closed model is used.
 */
public record Scenario(String name, List<RequestTemplate> requests, Duration rampUp, Duration duration, double rate) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        requests = List.copyOf(requests);
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("requests: at least one request is needed, was '[]'");
        }
        if (rampUp.isNegative()) {
            throw new IllegalArgumentException("rampUp: must be >= 0, was '" + rampUp + "'");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration: must be > 0, was '" + duration + "'");
        }
        if (rate < 0 || Double.isNaN(rate)) {
            throw new IllegalArgumentException("rate: must be >= 0, was '" + rate + "'");
        }
        Set<String> captured = requests.stream().flatMap(r -> r.capture().keySet().stream())
                .collect(Collectors.toSet());
        for (int i = 0; i < requests.size(); i++) {
            for (String need : requests.get(i).needs()) {
                if (!captured.contains(need)) {
                    throw new IllegalArgumentException("requests[" + i + "]: variable '" + need
                            + "' is never captured by any request");
                }
            }
        }
        if (requests.stream().allMatch(r -> !r.needs().isEmpty())) {
            throw new IllegalArgumentException("requests: every request needs a captured variable, so none can start");
        }
    }

    public Scenario withShape(Duration newRampUp, Duration newDuration, double newRate) {
        return new Scenario(name, requests, newRampUp, newDuration, newRate);
    }
}
