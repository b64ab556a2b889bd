package io.keel.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RequestMixTest {

    private final Scenario g9 = new ScenarioParser().parse("""
            requests:
              - {name: list, weight: 3, path: /api/v1/agents}
              - {name: get, weight: 2, path: "/api/v1/operations/{{lastId}}"}
              - {name: create, weight: 1, method: POST, path: /api/v1/operations, capture: {lastId: id}}
            """);

    @Test
    void beforeTheFirstCaptureOnlyRequestsThatCanRunArePicked() {
        RequestMix mix = new RequestMix(g9.requests());
        Map<String, Integer> counts = pick(mix, 6_000);
        assertThat(counts).doesNotContainKey("get");
        assertThat(counts).containsKeys("list", "create");
    }

    @Test
    void onceEveryVariableIsCapturedTheWeightsHold() {
        RequestMix mix = new RequestMix(g9.requests());
        mix.capture("lastId", "op-1");
        Map<String, Integer> counts = pick(mix, 60_000);
        // Seeded random: 3:2:1 within a couple of percent.
        assertThat(counts.get("list") / 60_000.0).isBetween(0.48, 0.52);
        assertThat(counts.get("get") / 60_000.0).isBetween(0.31, 0.36);
        assertThat(counts.get("create") / 60_000.0).isBetween(0.15, 0.18);
    }

    private static Map<String, Integer> pick(RequestMix mix, int n) {
        SplittableRandom random = new SplittableRandom(42);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(mix.pick(random).name(), 1, Integer::sum);
        }
        return counts;
    }
}
