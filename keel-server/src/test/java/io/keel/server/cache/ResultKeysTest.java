package io.keel.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import io.keel.cache.CacheKey;
import io.keel.server.json.Json;
import io.keel.server.operations.OperationAttributes;
import org.junit.jupiter.api.Test;

/** Which operations are cached and under which key and tag. */
class ResultKeysTest {

    final ResultKeys keys = new ResultKeys(Set.of("echo", "cpu"));

    @Test
    void deterministicAgentsAreCachedUnlessTheRequestSaidFalse() {
        String input = "{\"b\":1,\"a\":[2,{\"d\":3,\"c\":4}]}";
        assertThat(keys.keyOf("echo", Map.of(OperationAttributes.INPUT_JSON, input)))
                .isEqualTo("op:echo:{\"a\":[2,{\"c\":4,\"d\":3}],\"b\":1}");
        assertThat(keys.keyOf("echo", Map.of(OperationAttributes.INPUT_JSON, input, OperationAttributes.CACHE, false)))
                .isNull();
    }

    @Test
    void otherAgentsAreCachedOnlyWhenAsked() {
        assertThat(keys.keyOf("sleep", Map.of(OperationAttributes.INPUT_JSON, "{}"))).isNull();
        assertThat(keys.keyOf("sleep", Map.of(OperationAttributes.INPUT_JSON, "{}", OperationAttributes.CACHE, true)))
                .isEqualTo("op:sleep:{}");
        assertThat(keys.keyOf("echo", Map.of())).as("no input, no key").isNull();
    }

    @Test
    void theTagNamesTheAgentEvenWhenItsNameWasEscaped() {
        assertThat(ResultKeys.tags(CacheKey.operation("cpu", Json.tree("{\"x\":\"a:b\"}")))).containsExactly("agent:cpu");
        assertThat(ResultKeys.agentOf(CacheKey.operation("my:agent*", Json.tree("{}")))).isEqualTo("my:agent*");
        assertThat(ResultKeys.tags("user:1")).isEmpty();
    }
}
