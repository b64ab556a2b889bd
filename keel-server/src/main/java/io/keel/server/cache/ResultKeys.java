package io.keel.server.cache;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.cache.CacheKey;
import io.keel.server.json.Json;
import io.keel.server.operations.OperationAttributes;

/**
 * Which operations the result cache serves, and under which key: a deterministic agent's, unless the request said
 * {@code "cache": false}, or any agent's when it said {@code "cache": true}. The key is the agent plus its input as
 * canonical JSON ({@link CacheKey#operation}), so field order never splits an entry. Immutable.
 */
final class ResultKeys {

    static final String AGENT_TAG = "agent:";

    private final Set<String> deterministic;

    ResultKeys(Set<String> deterministicAgents) {
        this.deterministic = Set.copyOf(deterministicAgents);
    }

    /** The cache key of an operation, or null when it must neither be answered from nor stored in the cache. */
    String keyOf(String agent, Map<String, Object> attributes) {
        Object flag = attributes.get(OperationAttributes.CACHE);
        boolean cacheable = flag instanceof Boolean asked ? asked : deterministic.contains(agent);
        if (!cacheable) {
            return null;
        }
        if (attributes.get(OperationAttributes.INPUT_TREE) instanceof JsonNode parsed) {
            return CacheKey.operation(agent, parsed);
        }
        return attributes.get(OperationAttributes.INPUT_JSON) instanceof String input ? key(agent, input) : null;
    }

    boolean isDeterministic(String agent) {
        return deterministic.contains(agent);
    }

    static String key(String agent, String inputJson) {
        return CacheKey.operation(agent, Json.tree(inputJson));
    }

    /** Every result carries the tag {@code agent:<name>}, so {@code DELETE /api/v1/cache?tag=agent:cpu} drops cpu's. */
    static Set<String> tags(String key) {
        String agent = agentOf(key);
        return agent == null ? Set.of() : Set.of(AGENT_TAG + agent);
    }

    /** The agent of an {@code op:<agent>:<input>} key (undoing CacheKey's escapes), or null for another key. */
    static String agentOf(String key) {
        if (!key.startsWith("op:")) {
            return null;
        }
        StringBuilder agent = new StringBuilder();
        for (int i = 3; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\\' && i + 1 < key.length()) {
                agent.append(key.charAt(++i));
            } else if (c == ':') {
                return agent.toString();
            } else {
                agent.append(c);
            }
        }
        return null;
    }
}
