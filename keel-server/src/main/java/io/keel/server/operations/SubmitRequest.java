package io.keel.server.operations;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A validated submit body.
 *
 * @param inputJson      the input as JSON text, kept in the record so a queued operation can run after a restart
 * @param bodyBytes      size of the request body: the operation's declared input size and memory estimate
 * @param timeoutMs      requested timeout, or null for the default
 * @param idempotencyKey or null
 * @param cache          {@code "cache"} as sent: true = cache this agent's result, false = never answer from or fill
 *                       the cache, null = the agent decides (deterministic agents are cached)
 */
public record SubmitRequest(String agent, JsonNode input, String inputJson, long bodyBytes, int priority,
                            Long timeoutMs, String idempotencyKey, Boolean cache) {
}
