package io.keel.server.operations;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A validated submit body.
 *
 * @param inputJson      the input as JSON text, kept in the record so a queued operation can run after a restart
 * @param bodyBytes      size of the request body: the operation's declared input size and memory estimate
 * @param timeoutMs      requested timeout, or null for the default
 * @param idempotencyKey or null
 * @param cache          whether a cached result may answer (the cache arrives with its issue)
 */
public record SubmitRequest(String agent, JsonNode input, String inputJson, long bodyBytes, int priority,
                            Long timeoutMs, String idempotencyKey, boolean cache) {
}
