package io.keel.server.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.keel.server.json.Json;

/** Writes RFC 9457 problem+json responses. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static Map<String, Object> body(ProblemType type, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri());
        body.put("title", type.title());
        body.put("status", type.status());
        body.put("detail", detail);
        return body;
    }

    public static void send(ServerResponse res, ProblemException problem) {
        send(res, problem.type(), problem.detail(), problem.retryAfter());
    }

    public static void send(ServerResponse res, ProblemType type, String detail) {
        send(res, type, detail, null);
    }

    public static void send(ServerResponse res, ProblemType type, String detail, Duration retryAfter) {
        res.status(Status.create(type.status()));
        if (retryAfter != null) {
            res.header(HeaderNames.RETRY_AFTER, String.valueOf(retryAfterSeconds(retryAfter)));
        }
        res.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
        res.send(Json.bytes(body(type, detail)));
    }

    /** Whole seconds, rounded up and at least 1, as Retry-After requires. */
    public static long retryAfterSeconds(Duration retryAfter) {
        long millis = Math.max(0, retryAfter.toMillis());
        return Math.max(1, (millis + 999) / 1000);
    }
}
