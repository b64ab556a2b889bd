package io.keel.server.cache;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.BiPredicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.cache.Warmer;
import io.keel.server.json.Json;
import io.keel.server.records.OperationRecord;
import io.keel.server.records.OperationRecordStore;
import io.keel.server.records.RecordPage;
import io.keel.server.records.RecordQuery;

/**
 * Warms the result cache from the records database: the newest successful results of deterministic agents that
 * finished within the cache's TTL, so a restarted node (or one that joined) answers repeats without recomputing.
 * Bounded by {@code perAgent} records per agent and by the cache's warm budget (the sink says stop).
 */
final class RecentResultsWarmer implements Warmer<String, JsonNode> {

    private final OperationRecordStore store;
    private final ResultKeys keys;
    private final Iterable<String> agents;
    private final InstantSource clock;
    private final Duration ttl;
    private final int perAgent;

    RecentResultsWarmer(OperationRecordStore store, ResultKeys keys, Iterable<String> agents, InstantSource clock,
                        Duration ttl, int perAgent) {
        this.store = store;
        this.keys = keys;
        this.agents = agents;
        this.clock = clock;
        this.ttl = ttl;
        this.perAgent = perAgent;
    }

    @Override
    public void warm(BiPredicate<String, JsonNode> sink) {
        // Records are written in groups; flushing first makes results finished a moment ago count.
        store.flush();
        Instant notBefore = clock.instant().minus(ttl);
        for (String agent : agents) {
            if (keys.isDeterministic(agent) && !warmAgent(agent, notBefore, sink)) {
                return;
            }
        }
    }

    /** @return false once the sink refused (the budget is spent) */
    private boolean warmAgent(String agent, Instant notBefore, BiPredicate<String, JsonNode> sink) {
        int seen = 0;
        String cursor = null;
        do {
            RecordPage page = store.list(new RecordQuery("SUCCEEDED", agent, cursor, Math.min(500, perAgent)));
            for (OperationRecord r : page.items()) {
                if (++seen > perAgent) {
                    return true;
                }
                boolean fresh = r.finishedAt() != null && !r.finishedAt().isBefore(notBefore);
                if (fresh && r.inputJson() != null && r.resultJson() != null
                        && !sink.test(ResultKeys.key(agent, r.inputJson()), Json.tree(r.resultJson()))) {
                    return false;
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return true;
    }
}
