package io.keel.server.storage;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keel.server.http.ProblemException;
import io.keel.server.http.ProblemType;
import io.keel.storage.FileStore;
import io.keel.storage.OptimizationReport;

/** The HTTP face of the file store (API.md, Files). */
final class StorageRoutes {

    private final FileStore store;
    private final FileTransfers transfers;

    StorageRoutes(FileStore store, FileTransfers transfers) {
        this.store = store;
        this.transfers = transfers;
    }

    void register(HttpRouting.Builder routing) {
        routing.post("/api/v1/files", transfers::upload)
                .get("/api/v1/files/{id}", transfers::download)
                .delete("/api/v1/files/{id}", this::delete)
                .get("/api/v1/storage/stats", this::stats)
                .post("/api/v1/storage/optimize", this::optimize);
    }

    private void delete(ServerRequest req, ServerResponse res) throws IOException {
        String id = req.path().pathParameters().get("id");
        if (!store.delete(id)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "id: no file with id '" + id + "'");
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    private void stats(ServerRequest req, ServerResponse res) throws IOException {
        StorageJson.send(res, Status.OK_200, store.stats());
    }

    private void optimize(ServerRequest req, ServerResponse res) throws IOException {
        OptimizationReport report = store.optimize();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filesProcessed", report.filesProcessed());
        body.put("filesRemoved", report.filesRemoved());
        body.put("spaceSavedBytes", report.spaceSavedBytes());
        body.put("durationMs", report.durationMs());
        body.put("details", report.details());
        StorageJson.send(res, Status.OK_200, body);
    }
}
