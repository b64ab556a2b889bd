package io.keel.monitor;

import static io.keel.monitor.MonitorSeries.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Each rule fires on the evidence it names and stays silent without it (missing or inside its bound). */
class SuggestionsTest {

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("gc-pressure", Suggestions.gcPressure(), Map.of(GC_TIME_RATIO, 0.25), Map.of(GC_TIME_RATIO, 0.02)),
                Arguments.of("cache-hit-low", Suggestions.cacheHitLow(),
                        Map.of(CACHE_HIT_RATIO, 0.40, CACHE_REQUEST_RATE, 200.0),
                        Map.of(CACHE_HIT_RATIO, 0.40, CACHE_REQUEST_RATE, 0.1)),
                Arguments.of("raise-concurrency", Suggestions.raiseConcurrency(),
                        Map.of(QUEUE_WAIT_P95, 3.0, SYSTEM_CPU, 0.2), Map.of(QUEUE_WAIT_P95, 3.0, SYSTEM_CPU, 0.9)),
                Arguments.of("scale-out", Suggestions.scaleOut(),
                        Map.of(QUEUE_WAIT_P95, 3.0, SYSTEM_CPU, 0.95), Map.of(QUEUE_WAIT_P95, 0.1, SYSTEM_CPU, 0.95)),
                Arguments.of("db-pool-saturated", Suggestions.dbPoolSaturated(),
                        Map.of(DB_POOL_USAGE, 0.97, DB_POOL_WAIT, 0.2), Map.of(DB_POOL_USAGE, 0.97, DB_POOL_WAIT, 0.0)),
                Arguments.of("memory-swapping", Suggestions.memorySwapping(),
                        Map.of(MEMORY_USAGE, 0.95, SWAP_USED, 1e9), Map.of(MEMORY_USAGE, 0.95, SWAP_USED, 0.0)),
                Arguments.of("disk-low", Suggestions.diskLow(), Map.of(DISK_FREE_RATIO, 0.08), Map.of(DISK_FREE_RATIO, 0.5)),
                Arguments.of("descriptors-high", Suggestions.descriptorsHigh(),
                        Map.of(OPEN_FDS, 950.0, MAX_FDS, 1024.0), Map.of(OPEN_FDS, 100.0, MAX_FDS, 1024.0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void firesOnItsEvidenceWithTheEvidenceAttached(String id, SuggestionRule rule, Map<String, Double> evidence,
                                                   Map<String, Double> contrary) {
        Suggestion s = rule.evaluate(Findings.of(evidence)).orElseThrow();
        assertThat(s.id()).isEqualTo(id);
        assertThat(s.evidence()).containsAllEntriesOf(evidence);
        assertThat(s.finding()).isNotBlank();
        assertThat(s.advice()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void staysSilentWhenTheEvidenceIsInsideItsBound(String id, SuggestionRule rule, Map<String, Double> evidence,
                                                    Map<String, Double> contrary) {
        assertThat(rule.evaluate(Findings.of(contrary))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void staysSilentWhenAnyPieceOfEvidenceIsMissing(String id, SuggestionRule rule, Map<String, Double> evidence,
                                                    Map<String, Double> contrary) {
        assertThat(rule.evaluate(Findings.of(Map.of()))).isEmpty();
        for (String name : evidence.keySet()) {
            Map<String, Double> partial = new HashMap<>(evidence);
            partial.remove(name);
            assertThat(rule.evaluate(Findings.of(partial))).as("without %s", name).isEmpty();
        }
    }

    @Test
    void findingsTakeTheWorstTagSetsWindowAverage() {
        History h = new History(HistoryConfig.defaults());
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int s = 0; s < 60; s++) {
            h.record(SeriesKey.of(QUEUE_WAIT_P95, "agent", "a"), t0.plusSeconds(s), 0.1);
            h.record(SeriesKey.of(QUEUE_WAIT_P95, "agent", "b"), t0.plusSeconds(s), 4.0);
            h.record(SeriesKey.of(SYSTEM_CPU), t0.plusSeconds(s), 0.2);
        }
        Findings f = Findings.from(h, Duration.ofMinutes(1), t0.plusSeconds(59));
        assertThat(f.get(QUEUE_WAIT_P95).getAsDouble()).isEqualTo(4.0);
        List<Suggestion> all = Suggestions.defaults().evaluate(f);
        assertThat(all).extracting(Suggestion::id).containsExactly("raise-concurrency");
    }
}
