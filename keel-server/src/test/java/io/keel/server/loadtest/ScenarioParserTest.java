package io.keel.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ScenarioParserTest {

    private final ScenarioParser parser = new ScenarioParser();

    @Test
    void theShippedG9MixParsesWithItsWeightsVariablesAndCapture() throws Exception {
        Scenario s = parser.read(Path.of("../keel-bench/scripts/g9-mix.yaml"));

        assertThat(s.name()).isEqualTo("g9-mix");
        assertThat(s.rampUp()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.requests()).extracting(RequestTemplate::weight).containsExactly(3, 2, 1);
        assertThat(s.requests()).extracting(RequestTemplate::method).containsExactly("GET", "GET", "POST");
        assertThat(s.requests().get(1).needs()).containsExactly("lastId");
        assertThat(s.requests().get(2).capture()).isEqualTo(Map.of("lastId", "id"));
        assertThat(s.requests().get(2).headers()).containsKeys("Accept", "Content-Type");
    }

    @Test
    void templatesFillUuidsRandomNumbersAndCapturedVariables() {
        Template t = Template.parse("/ops/{{lastId}}?n={{random 1 3}}&u={{uuid}}");

        String rendered = t.render(Map.of("lastId", "op-7"));

        assertThat(t.variables()).containsExactly("lastId");
        assertThat(rendered).matches("/ops/op-7\\?n=[123]&u=[0-9a-f-]{36}");
        java.util.UUID uuid = java.util.UUID.fromString(rendered.substring(rendered.indexOf("u=") + 2));
        assertThat(uuid.version()).isEqualTo(4);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(t.render(Map.of("lastId", "op-7"))).isNotEqualTo(rendered);
        assertThatThrownBy(() -> t.render(Map.of())).hasMessageContaining("'lastId'");
    }

    @Test
    void aStructuredBodyIsSentAsItsJson() {
        Scenario s = parser.parse("""
                requests:
                  - method: post
                    path: /x
                    body: {agent: echo, input: {n: 1}}
                """);
        assertThat(s.requests().get(0).body().render(Map.of())).isEqualTo("{\"agent\":\"echo\",\"input\":{\"n\":1}}");
        assertThat(s.requests().get(0).method()).isEqualTo("POST");
    }

    @Test
    void validationErrorsNameTheField() {
        assertError("requests:\n  - path: /a\n    weight: 0\n", "requests[0].weight", "'0'");
        assertError("requests:\n  - path: /a\n  - path: b\n", "requests[1].path", "'b'");
        assertError("requests:\n  - path: /a\n    method: FETCH\n", "requests[0].method", "'FETCH'");
        assertError("requests:\n  - path: /a/{{random 5}}\n", "requests[0].path", "{{random 5}}");
        assertError("requests:\n  - path: /a/{{nope}}\n", "requests[0]", "'nope' is never captured");
        assertError("requests:\n  - path: /a\nduration: soon\n", "duration", "'soon'");
        assertError("requests:\n  - path: /a\n    weigth: 2\n", "requests[0].weigth", "unknown field");
        assertError("requests: []\n", "requests", "at least one");
        assertError("rate: -5\nrequests:\n  - path: /a\n", "rate", "'-5'");
    }

    private void assertError(String yaml, String field, String detail) {
        assertThatThrownBy(() -> parser.parse(yaml))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(field)
                .hasMessageContaining(detail);
    }
}
