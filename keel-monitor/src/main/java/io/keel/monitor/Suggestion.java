package io.keel.monitor;

import java.util.Map;

/** One piece of advice and the measurements that justify it. */
public record Suggestion(String id, Severity severity, String finding, String advice, Map<String, Double> evidence) {

    public Suggestion {
        evidence = Map.copyOf(evidence);
    }
}
