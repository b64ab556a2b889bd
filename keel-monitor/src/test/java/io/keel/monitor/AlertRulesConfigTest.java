package io.keel.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertRulesConfigTest {

    private static Map<String, Object> cpu() {
        Map<String, Object> m = new HashMap<>();
        m.put("name", "cpu-high");
        m.put("series", "keel.system.cpu.usage");
        m.put("comparison", ">");
        m.put("threshold", "70%");
        m.put("clear", 0.65);
        m.put("for", "5m");
        m.put("n", 4);
        m.put("m", 5);
        m.put("severity", "critical");
        m.put("tags", Map.of("host", "a"));
        return m;
    }

    @Test
    void readsEveryFieldFromAYamlShapedMap() {
        AlertRule r = AlertRules.fromConfig(List.of(cpu())).getFirst();
        assertThat(r.name()).isEqualTo("cpu-high");
        assertThat(r.comparison()).isEqualTo(Comparison.ABOVE);
        assertThat(r.threshold()).isEqualTo(0.70);
        assertThat(r.clearThreshold()).isEqualTo(0.65);
        assertThat(r.forDuration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(r.n()).isEqualTo(4);
        assertThat(r.m()).isEqualTo(5);
        assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(r.tags()).containsEntry("host", "a");
        assertThat(r.signal()).isEqualTo(Signal.LAST);
    }

    @Test
    void understandsMillisecondThresholdsIsoDurationsAndSignals() {
        Map<String, Object> m = Map.of("name", "lat", "series", "keel.requests.latency.p95", "threshold", "200ms",
                "for", "PT30S", "signal", "avg", "window", "1m");
        AlertRule r = AlertRules.fromConfig(List.of(m)).getFirst();
        assertThat(r.threshold()).isEqualTo(0.2);
        assertThat(r.forDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(r.signal()).isEqualTo(Signal.AVG);
        assertThat(r.window()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void errorsNameTheRuleAndTheField() {
        Map<String, Object> badFor = cpu();
        badFor.put("for", "soon");
        assertThatThrownBy(() -> AlertRules.fromConfig(List.of(badFor)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alert rule 'cpu-high'").hasMessageContaining("field 'for'").hasMessageContaining("soon");

        Map<String, Object> badClear = cpu();
        badClear.put("clear", 0.9);
        assertThatThrownBy(() -> AlertRules.fromConfig(List.of(badClear)))
                .hasMessageContaining("field 'clear'").hasMessageContaining("0.9");

        Map<String, Object> noThreshold = cpu();
        noThreshold.remove("threshold");
        assertThatThrownBy(() -> AlertRules.fromConfig(List.of(noThreshold))).hasMessageContaining("field 'threshold' is required");

        Map<String, Object> typo = cpu();
        typo.put("treshold", 1);
        assertThatThrownBy(() -> AlertRules.fromConfig(List.of(typo))).hasMessageContaining("field 'treshold' is unknown");

        Map<String, Object> badN = cpu();
        badN.put("n", 9);
        assertThatThrownBy(() -> AlertRules.fromConfig(List.of(badN))).hasMessageContaining("field 'n'");

        Map<String, Object> badSeverity = cpu();
        badSeverity.put("severity", "panic");
        assertThatThrownBy(() -> AlertRules.fromConfig(List.of(badSeverity))).hasMessageContaining("field 'severity'")
                .hasMessageContaining("panic");

        assertThatThrownBy(() -> AlertRules.fromConfig(List.of(Map.of("series", "x", "threshold", 1))))
                .hasMessageContaining("alert rule #0").hasMessageContaining("field 'name'");
    }

    @Test
    void defaultsCoverTheF4AndG3Rules() {
        List<AlertRule> rules = DefaultAlertRules.all();
        assertThat(rules).extracting(AlertRule::name).doesNotHaveDuplicates()
                .contains("latency-p95", "throughput-drop", "error-rate", "cpu-high", "memory-high", "disk-free-low",
                        "db-pool-high", "queue-wait-high");
        assertThat(rules).filteredOn(r -> r.name().equals("latency-p95")).singleElement()
                .satisfies(r -> assertThat(r.threshold()).isEqualTo(0.2));
        assertThat(rules).filteredOn(r -> r.name().equals("disk-free-low")).singleElement()
                .satisfies(r -> assertThat(r.comparison()).isEqualTo(Comparison.BELOW));
    }

    @Test
    void configuredRulesReplaceSameNamedDefaults() {
        Map<String, Object> cpu = cpu();
        List<AlertRule> rules = AlertRules.defaultsWith(List.of(cpu));
        assertThat(rules).hasSameSizeAs(DefaultAlertRules.all());
        assertThat(rules).filteredOn(r -> r.name().equals("cpu-high")).singleElement()
                .satisfies(r -> assertThat(r.severity()).isEqualTo(Severity.CRITICAL));
    }
}
