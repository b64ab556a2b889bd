package io.keel.cache;

import java.util.List;
import java.util.Map;

/**
 * What one warming run did.
 *
 * @param warmed   entries stored, over all warmers
 * @param failures warmer name → failure message, for warmers that threw
 * @param timedOut warmers stopped by their time budget
 */
public record WarmReport(long warmed, Map<String, String> failures, List<String> timedOut) {

    public WarmReport {
        failures = Map.copyOf(failures);
        timedOut = List.copyOf(timedOut);
    }
}
