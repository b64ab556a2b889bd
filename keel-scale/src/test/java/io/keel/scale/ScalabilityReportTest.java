package io.keel.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.keel.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ScalabilityReportTest {

    @Test
    void coversPoolsDecisionsAndCostsAndSerialisesAsPlainJson() {
        ManualClock clock = new ManualClock();
        AgentPool pool = AgentPool.builder("echo").factory(id -> id).capacityPerInstance(2).nanoClock(clock).build();
        pool.resize(1);
        Autoscaler autoscaler = Autoscaler.forPool(pool, ScalingPolicy.custom().instances(1, 4).build(), () -> 6)
                .clock(clock).build();
        pool.acquire();
        pool.acquire();
        clock.advance(Duration.ofSeconds(15));
        autoscaler.evaluate();
        CostTracker costs = new CostTracker(clock);
        costs.model("echo", CostModel.of(0.1, 0.001, 0));
        costs.instances("echo", pool.size(), 2);
        costs.recordRequest("echo", Duration.ofMillis(5), 0);

        ScalabilityReport report = ScalabilityReport.of(clock, List.of(pool), List.of(autoscaler), costs, 10);

        assertThat(report.pools()).singleElement().satisfies(p -> {
            assertThat(p.strategy()).isEqualTo(BalancerStrategy.LEAST_CONNECTIONS);
            assertThat(p.busy()).isEqualTo(2);
            assertThat(p.instances()).isGreaterThan(1);
        });
        assertThat(report.recentDecisions()).singleElement().satisfies(d -> assertThat(d.direction()).isEqualTo("up"));
        JsonNode json = JsonMapper.builder().build().valueToTree(report);
        assertThat(json.get("pools").get(0).get("members").get(0).has("inFlight")).isTrue();
        assertThat(json.get("recentDecisions").get(0).get("reason").asString()).isNotBlank();
        assertThat(json.get("costs").get("agents").get(0).get("requests").asInt()).isEqualTo(1);
    }
}
