package io.keel.server.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import io.keel.governor.Operation;
import io.keel.governor.OperationEvent;
import io.keel.governor.OperationStatus;
import io.keel.server.json.Json;
import io.keel.server.operations.OperationEventHub;
import io.keel.server.operations.OperationJson;
import io.keel.server.operations.OperationService;
import io.keel.server.operations.RecordMapper;
import io.keel.server.records.OperationRecord;
import io.keel.server.records.RecordPage;
import io.keel.server.records.RecordQuery;

/** API.md, Operations: submit, {@code ?wait=}, get, cancel, keyset list, SSE events. */
final class OperationRoutes {

    static final String BASE = "/api/v1/operations";
    static final int DEFAULT_PAGE = 50;
    /** How often an SSE stream re-reads the operation when no event came, in case events were dropped. */
    static final Duration SSE_RECHECK = Duration.ofSeconds(1);

    private static final Set<String> STATUSES;

    static {
        List<String> names = new ArrayList<>();
        for (OperationStatus s : OperationStatus.values()) {
            names.add(s.name());
        }
        STATUSES = Set.copyOf(names);
    }

    private final OperationService operations;
    private final RecordMapper mapper;
    private final OperationEventHub events;
    private final SubmitBodyParser parser;
    private final long maxInputBytes;
    private final long maxWaitMs;

    OperationRoutes(OperationService operations, RecordMapper mapper, OperationEventHub events, long maxInputBytes,
                    long maxTimeoutMs) {
        this.operations = operations;
        this.mapper = mapper;
        this.events = events;
        this.parser = new SubmitBodyParser(maxTimeoutMs);
        this.maxInputBytes = maxInputBytes;
        this.maxWaitMs = maxTimeoutMs;
    }

    void register(HttpRouting.Builder routing) {
        routing.post(BASE, this::submit)
                .get(BASE, this::list)
                .any(BASE, ErrorHandling.methodNotAllowed(Method.GET, Method.POST))
                .get(BASE + "/{id}/events", this::events)
                .any(BASE + "/{id}/events", ErrorHandling.methodNotAllowed(Method.GET))
                .get(BASE + "/{id}", this::get)
                .delete(BASE + "/{id}", this::cancel)
                .any(BASE + "/{id}", ErrorHandling.methodNotAllowed(Method.GET, Method.DELETE));
    }

    private void submit(ServerRequest req, ServerResponse res) throws InterruptedException {
        requireJson(req);
        long waitMs = waitParameter(req);
        byte[] body = BoundedBody.read(req, maxInputBytes);
        OperationService.Submitted submitted = operations.submit(parser.parse(body), waitMs > 0);
        if (submitted instanceof OperationService.Submitted.Existing existing) {
            JsonResponses.send(res, Status.OK_200, OperationJson.full(existing.record()));
            return;
        }
        Operation<?> operation = ((OperationService.Submitted.Created) submitted).operation();
        res.header(HeaderNames.LOCATION, BASE + "/" + operation.id());
        if (waitMs > 0) {
            OperationRecord record = operations.await(operation, Duration.ofMillis(waitMs));
            if (record.isTerminal()) {
                JsonResponses.send(res, Status.OK_200, OperationJson.full(record));
            } else {
                operations.recordIfUnfinished(operation);
                JsonResponses.send(res, Status.ACCEPTED_202, OperationJson.accepted(record));
            }
            return;
        }
        var snapshot = operation.snapshot();
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("id", snapshot.id());
        accepted.put("status", snapshot.status().name());
        accepted.put("agent", snapshot.agent());
        accepted.put("priority", snapshot.priority());
        accepted.put("createdAt", snapshot.createdAt());
        JsonResponses.send(res, Status.ACCEPTED_202, accepted);
    }

    private static void requireJson(ServerRequest req) {
        Optional<HttpMediaType> type = req.headers().contentType();
        if (type.isEmpty() || !type.get().mediaType().equals(MediaTypes.APPLICATION_JSON)) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type: expected application/json, was "
                    + type.map(t -> "'" + t.text() + "'").orElse("none"));
        }
    }

    private long waitParameter(ServerRequest req) {
        Optional<String> wait = req.query().first("wait").asOptional();
        if (wait.isEmpty()) {
            return 0;
        }
        try {
            long value = Long.parseLong(wait.get().trim());
            if (value >= 0 && value <= maxWaitMs) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ProblemException.invalidField("wait", "must be an integer within 0.." + maxWaitMs + " (ms), was '"
                + wait.get() + "'");
    }

    private void get(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        OperationRecord record = operations.find(id).orElseThrow(() -> unknown(id));
        JsonResponses.send(res, OperationJson.full(record));
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        switch (operations.cancel(id)) {
            case NOT_FOUND -> throw unknown(id);
            case ALREADY_FINISHED -> {
                OperationRecord record = operations.find(id).orElseThrow(() -> unknown(id));
                throw new ProblemException(ProblemType.ALREADY_FINISHED,
                        "operation " + id + " already ended " + record.status());
            }
            case CANCELLED -> JsonResponses.send(res, Status.ACCEPTED_202,
                    OperationJson.full(operations.find(id).orElseThrow(() -> unknown(id))));
        }
    }

    private void list(ServerRequest req, ServerResponse res) {
        var query = req.query();
        String status = query.first("status").asOptional().filter(s -> !s.isBlank()).orElse(null);
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.invalidField("status", "must be one of " + new java.util.TreeSet<>(STATUSES)
                    + ", was '" + status + "'");
        }
        String agent = query.first("agent").asOptional().filter(s -> !s.isBlank()).orElse(null);
        String cursor = query.first("cursor").asOptional().filter(s -> !s.isBlank()).orElse(null);
        int limit = DEFAULT_PAGE;
        Optional<String> limitText = query.first("limit").asOptional();
        if (limitText.isPresent()) {
            try {
                limit = Integer.parseInt(limitText.get().trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 1000) {
                throw ProblemException.invalidField("limit", "must be an integer within 1..1000, was '"
                        + limitText.get() + "'");
            }
        }
        RecordPage page;
        try {
            page = operations.list(new RecordQuery(status, agent, cursor, limit));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this server issued: " + e.getMessage());
        }
        List<Object> items = new ArrayList<>(page.items().size());
        for (OperationRecord record : page.items()) {
            OperationRecord shown = record;
            if (!record.isTerminal()) {
                // The stored copy of a live operation lags (batched, throttled); the governor knows better.
                shown = operations.live(record.id()).map(op -> mapper.toRecord(op.snapshot())).orElse(record);
            }
            items.add(OperationJson.full(shown));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("nextCursor", page.nextCursor());
        JsonResponses.send(res, body);
    }

    /**
     * Streams {@code status} and {@code progress} events (each carrying the full operation) and ends after
     * the terminal one. Registers for events before reading the current state, so no transition falls in
     * between; re-reads the state now and then in case the governor dropped events for a slow listener.
     */
    private void events(ServerRequest req, ServerResponse res) throws Exception {
        String id = req.path().pathParameters().get("id");
        BlockingQueue<OperationEvent> queue = new LinkedBlockingQueue<>();
        try (AutoCloseable ignored = events.watch(id, queue::offer)) {
            OperationRecord current = operations.find(id).orElseThrow(() -> unknown(id));
            try (SseSink sink = res.sink(SseSink.TYPE)) {
                emit(sink, "status", current);
                while (!current.isTerminal()) {
                    OperationEvent event = queue.poll(SSE_RECHECK.toMillis(), TimeUnit.MILLISECONDS);
                    if (event == null) {
                        OperationRecord now = operations.find(id).orElse(current);
                        if (now.isTerminal()) {
                            emit(sink, "status", now);
                        }
                        current = now;
                        continue;
                    }
                    current = mapper.toRecord(event.snapshot());
                    emit(sink, event.type() == OperationEvent.Type.PROGRESS ? "progress" : "status", current);
                }
            }
        }
    }

    private static void emit(SseSink sink, String name, OperationRecord record) {
        sink.emit(SseEvent.builder()
                .name(name)
                .data(new String[] {Json.text(OperationJson.full(record))})
                .build());
    }

    private static ProblemException unknown(String id) {
        return new ProblemException(ProblemType.UNKNOWN_OPERATION, "id: no operation '" + id + "'");
    }
}
