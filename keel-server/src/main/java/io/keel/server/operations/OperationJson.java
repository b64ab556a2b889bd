package io.keel.server.operations;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.util.RawValue;
import io.keel.server.records.OperationRecord;

/** The API's shapes of an operation (API.md, Operations), built from its record. */
public final class OperationJson {

    private OperationJson() {
    }

    /** The full shape: GET one, list items, {@code ?wait=} answers, SSE events. */
    public static Map<String, Object> full(OperationRecord r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id());
        json.put("agent", r.agent());
        json.put("status", r.status());
        json.put("priority", r.priority());
        json.put("createdAt", r.createdAt());
        json.put("startedAt", r.startedAt());
        json.put("finishedAt", r.finishedAt());
        json.put("durationMs", r.startedAt() == null || r.finishedAt() == null
                ? null : Duration.between(r.startedAt(), r.finishedAt()).toMillis());
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("percent", r.progressPercent());
        progress.put("step", r.progressStep());
        progress.put("stepIndex", r.progressStepIndex());
        progress.put("stepCount", r.progressStepCount());
        progress.put("etaMs", r.etaMs());
        json.put("progress", progress);
        json.put("result", r.resultJson() == null ? null : new RawValue(r.resultJson()));
        if (r.errorType() == null && r.errorMessage() == null) {
            json.put("error", null);
        } else {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("type", r.errorType());
            error.put("message", r.errorMessage());
            json.put("error", error);
        }
        json.put("cached", r.cached());
        json.put("attempts", r.attempts());
        json.put("timeoutMs", r.timeoutMs());
        json.put("idempotencyKey", r.idempotencyKey());
        return json;
    }

    /** The short shape a 202 answers with. */
    public static Map<String, Object> accepted(OperationRecord r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id());
        json.put("status", r.status());
        json.put("agent", r.agent());
        json.put("priority", r.priority());
        json.put("createdAt", r.createdAt());
        return json;
    }
}
