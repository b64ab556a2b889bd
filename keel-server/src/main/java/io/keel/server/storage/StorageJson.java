package io.keel.server.storage;

import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.keel.server.http.ProblemType;
import io.keel.server.json.Json;
import io.keel.storage.IngestResult;
import io.keel.storage.StoredFile;

/** The JSON bodies of the file endpoints. */
final class StorageJson {

    private StorageJson() {
    }

    static void send(ServerResponse res, Status status, Object body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, Json.APPLICATION_JSON);
        res.send(Json.bytes(body));
    }

    /** {@code {"id","name","sizeBytes","storedBytes","sha256","deduplicated","compressed"}}. */
    static Map<String, Object> stored(IngestResult result) {
        StoredFile f = result.file();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", f.id());
        body.put("name", f.name());
        body.put("sizeBytes", f.sizeBytes());
        body.put("storedBytes", f.storedBytes());
        body.put("sha256", f.sha256());
        body.put("deduplicated", result.deduplicated());
        body.put("compressed", f.compressed());
        return body;
    }

    /** One failed file of a batch: {@code {"name","error":{"type","message"}}}. */
    static Map<String, Object> failed(String name, ProblemType type, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type.uri());
        error.put("message", message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("error", error);
        return body;
    }
}
