package io.keel.monitor;

import java.time.Instant;
import java.util.Map;

/**
 * One alert of one rule on one series, as the API shows it.
 *
 * @param since      when the condition was first seen (start of PENDING)
 * @param firedAt    when it turned FIRING, or null
 * @param resolvedAt when it turned RESOLVED, or null
 * @param value      the signal's value at the last evaluation
 */
public record Alert(String rule, String series, Map<String, String> tags, Severity severity, AlertState state,
                    double value, double threshold, Instant since, Instant firedAt, Instant resolvedAt,
                    String description) {
}
