package io.keel.server.operations;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.keel.governor.Governor;
import io.keel.governor.Operation;
import io.keel.governor.OperationSpec;
import io.keel.governor.OperationStatus;
import io.keel.governor.OperationTask;
import io.keel.governor.UnknownAgentException;
import io.keel.server.agents.AgentRegistry;
import io.keel.server.agents.BuiltInAgent;
import io.keel.server.edge.EdgeContext;
import io.keel.server.json.Json;
import io.keel.server.records.OperationRecord;
import io.keel.server.records.OperationRecordStore;
import io.keel.server.records.RecordPage;
import io.keel.server.records.RecordQuery;

/**
 * What the operations API does, without HTTP: submit (with idempotency keys), look up (live operations from
 * the governor, finished ones from the store), wait, cancel, list, and run recovered records again.
 */
public final class OperationService {

    /** How long an idempotency key is remembered (API.md). */
    public static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    private final Governor governor;
    private final OperationRecordStore store;
    private final AgentRegistry agents;
    private final RecordMapper mapper;
    private final IdempotencyGuard idempotency;
    private final OperationIds ids;
    private final InstantSource clock;

    public OperationService(Governor governor, OperationRecordStore store, AgentRegistry agents, RecordMapper mapper,
                            IdempotencyGuard idempotency, OperationIds ids, InstantSource clock) {
        this.governor = governor;
        this.store = store;
        this.agents = agents;
        this.mapper = mapper;
        this.idempotency = idempotency;
        this.ids = ids;
        this.clock = clock;
    }

    /** A submit's outcome: a new operation, or the one an earlier submit with the same key created. */
    public sealed interface Submitted {
        record Created(Operation<?> operation) implements Submitted {
        }

        record Existing(OperationRecord record) implements Submitted {
        }
    }

    /**
     * @throws UnknownAgentException                      no such agent
     * @throws io.keel.server.agents.InvalidInputException the input does not suit the agent
     * @throws io.keel.governor.OperationRejectedException refused for capacity or shutdown
     */
    public Submitted submit(SubmitRequest request) {
        return submit(request, false);
    }

    /**
     * @param deferRecord true when the caller waits for the end before answering ({@code ?wait=}): the
     *                    record is then written with the terminal state, or by {@link #recordIfUnfinished}
     *                    when the wait runs out, saving a write per fast operation. Nothing was acknowledged
     *                    before either, so a crash in between loses no reported state.
     */
    public Submitted submit(SubmitRequest request, boolean deferRecord) {
        BuiltInAgent agent = agents.find(request.agent()).orElseThrow(() -> new UnknownAgentException(request.agent()));
        OperationTask<Object> task = agent.task(request.input());
        String key = request.idempotencyKey();
        String id = ids.next();
        if (key != null) {
            Optional<OperationRecord> earlier = findByIdempotencyKey(key);
            if (earlier.isPresent()) {
                return new Submitted.Existing(earlier.get());
            }
            Optional<String> owner = idempotency.claim(key, id);
            if (owner.isPresent()) {
                Optional<OperationRecord> winner = find(owner.get());
                if (winner.isPresent()) {
                    return new Submitted.Existing(winner.get());
                }
            }
        }
        OperationSpec.Builder<Object> spec = OperationSpec.builder(agent.name(), task)
                .id(id)
                .priority(request.priority())
                .estimatedBytes(request.bodyBytes())
                .inputBytes(request.bodyBytes())
                .idempotent(key != null)
                .attribute(OperationAttributes.INPUT_JSON, request.inputJson())
                .attribute(OperationAttributes.INPUT_TREE, request.input());
        if (request.timeoutMs() != null) {
            spec.timeout(Duration.ofMillis(request.timeoutMs()))
                    .attribute(OperationAttributes.TIMEOUT_MS, request.timeoutMs());
        }
        if (key != null) {
            spec.attribute(OperationAttributes.IDEMPOTENCY_KEY, key);
        }
        if (request.cache() != null) {
            spec.attribute(OperationAttributes.CACHE, request.cache());
        }
        String traceId = EdgeContext.traceId();
        if (traceId != null) {
            spec.attribute(OperationAttributes.TRACE_ID, traceId);
        }
        Operation<Object> operation;
        try {
            operation = governor.submit(spec.build());
        } catch (RuntimeException refused) {
            idempotency.release(key, id);
            throw refused;
        }
        if (!deferRecord) {
            recordAccepted(operation);
        }
        return new Submitted.Created(operation);
    }

    /**
     * Queues the accepted operation's record for the next group commit at once, rather than when the record
     * writer gets to its QUEUED event, so a crash soon after a 202 still finds it. Cheap for fast operations:
     * within one batch the terminal record replaces it, and a terminal record is never overwritten.
     */
    /** Writes the record of an operation submitted with {@code deferRecord} that is still unfinished. */
    public void recordIfUnfinished(Operation<?> operation) {
        recordAccepted(operation);
    }

    private void recordAccepted(Operation<?> operation) {
        var snapshot = operation.snapshot();
        if (!snapshot.status().isTerminal()) {
            store.upsert(mapper.toRecord(snapshot));
        }
    }

    /**
     * Runs a record found unfinished after a restart again, under its own id, keeping its creation time.
     *
     * @throws RuntimeException when its agent is gone, its input no longer valid, or the governor refuses it
     */
    public Operation<?> resubmit(OperationRecord record) {
        BuiltInAgent agent = agents.find(record.agent()).orElseThrow(() -> new UnknownAgentException(record.agent()));
        var input = Json.tree(record.inputJson() == null ? "{}" : record.inputJson());
        long bytes = record.inputJson() == null ? 0 : record.inputJson().length();
        OperationSpec.Builder<Object> spec = OperationSpec.builder(agent.name(), agent.task(input))
                .id(record.id())
                .priority(record.priority())
                .estimatedBytes(bytes)
                .inputBytes(bytes)
                .idempotent(record.idempotencyKey() != null)
                .attribute(OperationAttributes.CREATED_AT, record.createdAt())
                .attribute(OperationAttributes.INPUT_JSON, record.inputJson() == null ? "{}" : record.inputJson());
        if (record.timeoutMs() != null) {
            spec.timeout(Duration.ofMillis(record.timeoutMs()))
                    .attribute(OperationAttributes.TIMEOUT_MS, record.timeoutMs());
        }
        if (record.idempotencyKey() != null) {
            spec.attribute(OperationAttributes.IDEMPOTENCY_KEY, record.idempotencyKey());
            idempotency.claim(record.idempotencyKey(), record.id());
        }
        if (record.traceId() != null) {
            spec.attribute(OperationAttributes.TRACE_ID, record.traceId());
        }
        Operation<Object> operation = governor.submit(spec.build());
        recordAccepted(operation);
        return operation;
    }

    public Optional<OperationRecord> findByIdempotencyKey(String key) {
        Optional<String> live = idempotency.owner(key);
        if (live.isPresent()) {
            Optional<OperationRecord> record = find(live.get());
            if (record.isPresent()) {
                return record;
            }
        }
        return store.findByIdempotencyKey(key, clock.instant().minus(IDEMPOTENCY_WINDOW));
    }

    /** The operation as the API shows it: from the governor while it knows it, else from the store. */
    public Optional<OperationRecord> find(String id) {
        Optional<Operation<?>> live = governor.find(id);
        if (live.isPresent()) {
            return Optional.of(mapper.toRecord(live.get().snapshot()));
        }
        return store.find(id);
    }

    public Optional<Operation<?>> live(String id) {
        return governor.find(id);
    }

    /** Waits up to {@code wait} for the operation to end; the record as it is then. */
    public OperationRecord await(Operation<?> operation, Duration wait) throws InterruptedException {
        CompletableFuture<?> done = operation.result();
        if (!done.isDone() && !wait.isZero()) {
            try {
                done.handle((value, error) -> null).get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException stillRunning) {
                // answered below with the state it has now
            }
        }
        return mapper.toRecord(operation.snapshot());
    }

    /** The outcome of a cancel request. */
    public enum CancelOutcome { CANCELLED, ALREADY_FINISHED, NOT_FOUND }

    public CancelOutcome cancel(String id) {
        Optional<Operation<?>> live = governor.find(id);
        if (live.isPresent()) {
            if (live.get().cancel()) {
                return CancelOutcome.CANCELLED;
            }
            return live.get().status().isTerminal() ? CancelOutcome.ALREADY_FINISHED : CancelOutcome.CANCELLED;
        }
        Optional<OperationRecord> stored = store.find(id);
        if (stored.isEmpty()) {
            return CancelOutcome.NOT_FOUND;
        }
        OperationRecord record = stored.get();
        if (record.isTerminal()) {
            return CancelOutcome.ALREADY_FINISHED;
        }
        if (mapper.nodeId().equals(record.ownerNode())) {
            // Unfinished here but unknown to the governor: a leftover recovery did not see. End it.
            store.saveTerminal(mapper.finish(record, OperationStatus.CANCELLED, "cancelled", "cancelled by request"));
            return CancelOutcome.CANCELLED;
        }
        return CancelOutcome.NOT_FOUND;
    }

    public RecordPage list(RecordQuery query) {
        return store.list(query);
    }

    public Instant now() {
        return clock.instant();
    }
}
