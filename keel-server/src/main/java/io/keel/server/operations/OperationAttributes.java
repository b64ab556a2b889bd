package io.keel.server.operations;

/**
 * Keys of the facts the server attaches to each {@link io.keel.governor.OperationSpec}, so that a snapshot
 * carries everything its durable record needs.
 */
public final class OperationAttributes {

    public static final String INPUT_JSON = "keel.inputJson";
    /** The parsed input (a JsonNode) as the request carried it, so the result cache need not parse it again. */
    public static final String INPUT_TREE = "keel.inputTree";
    static final String IDEMPOTENCY_KEY = "keel.idempotencyKey";
    static final String TIMEOUT_MS = "keel.timeoutMs";
    /** Set when a recovered operation runs again, so it keeps its original creation time. */
    static final String CREATED_AT = "keel.createdAt";
    /** The request's {@code "cache"} flag (a Boolean), present only when the request said it. */
    public static final String CACHE = "keel.cache";
    /** The W3C trace id of the request that submitted it, so its record can be found from a trace. */
    static final String TRACE_ID = "keel.traceId";

    private OperationAttributes() {
    }
}
