package io.keel.server.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Writes JSON responses with the server's one mapper. */
final class JsonResponses {

    static final String APPLICATION_JSON = "application/json";

    private JsonResponses() {
    }

    static void send(ServerResponse res, Status status, Object body) {
        // ETag / 304 and gzip for every JSON answer (issue 7, conditional GETs and compression)
        io.keel.server.edge.Representations.send(res, status, APPLICATION_JSON, io.keel.server.json.Json.bytes(body));
    }

    static void send(ServerResponse res, Object body) {
        send(res, Status.OK_200, body);
    }
}
