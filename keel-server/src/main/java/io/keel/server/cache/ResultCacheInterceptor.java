package io.keel.server.cache;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.cache.TieredCache;
import io.keel.governor.OperationInterceptor;
import io.keel.governor.OperationSnapshot;
import io.keel.governor.OperationSpec;
import io.keel.governor.OperationStatus;
import io.keel.server.json.Json;

/**
 * The result cache inside the governor: a hit answers before admission (so it never queues and is never refused
 * for capacity, and its record shows {@code "cached": true}); a cacheable success is stored just before it
 * becomes visible.
 *
 * <p>The interceptor must exist before the governor is built, the cache only once the node id and agents are
 * known, so the cache arrives later through {@link #attach}. Until then, and after {@link #detach}, it answers
 * nothing and stores nothing. The pair is one volatile reference, so a caller sees either both or neither.
 */
final class ResultCacheInterceptor implements OperationInterceptor {

    private static final System.Logger LOG = System.getLogger(ResultCacheInterceptor.class.getName());

    private record Attached(TieredCache<String, JsonNode> results, ResultKeys keys) {
    }

    private volatile Attached attached;

    void attach(TieredCache<String, JsonNode> results, ResultKeys keys) {
        this.attached = new Attached(results, keys);
    }

    void detach() {
        this.attached = null;
    }

    @Override
    public Optional<Object> answerBeforeAdmission(OperationSpec<?> spec) {
        Attached a = attached;
        if (a == null) {
            return Optional.empty();
        }
        String key = a.keys().keyOf(spec.agent(), spec.attributes());
        return key == null ? Optional.empty() : Optional.ofNullable(a.results().getIfPresent(key));
    }

    @Override
    public void beforeTerminalPublished(OperationSnapshot terminal) {
        Attached a = attached;
        if (a == null || terminal.status() != OperationStatus.SUCCEEDED || terminal.answeredBefore()) {
            return;
        }
        String key = a.keys().keyOf(terminal.agent(), terminal.attributes());
        if (key == null) {
            return;
        }
        try {
            // With write-behind the L2 write happens after this returns: the terminal state is not held up.
            JsonNode value = Json.MAPPER.valueToTree(terminal.result());
            if (value != null) {
                a.results().put(key, value);
            }
        } catch (IllegalArgumentException unserialisable) {
            LOG.log(System.Logger.Level.DEBUG, "result of {0} not cached: {1}", terminal.id(),
                    unserialisable.getMessage());
        }
    }
}
