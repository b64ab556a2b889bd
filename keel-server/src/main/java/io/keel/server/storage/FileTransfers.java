package io.keel.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keel.governor.Governor;
import io.keel.governor.OperationRejectedException;
import io.keel.governor.Slot;
import io.keel.server.http.ProblemException;
import io.keel.server.http.ProblemType;
import io.keel.storage.FileContent;
import io.keel.storage.FileNames;
import io.keel.storage.FileStore;
import io.keel.storage.FileTooLargeException;
import io.keel.storage.IngestCancelledException;
import io.keel.storage.IngestOptions;
import io.keel.storage.IngestResult;
import io.keel.storage.IntegrityException;
import io.keel.storage.StorageFullException;
import io.keel.storage.StoredFile;
import io.keel.storage.StoredFileNotFoundException;

/**
 * Uploads and downloads, each one streamed (never buffered whole) inside a governor {@link Slot} of the
 * {@value StorageFeature#AGENT} agent, so limits, the memory budget, progress, cancellation and the
 * operation record apply to it (F8). A multipart body with several parts is a batch: one slot and one result
 * per file, one file's failure does not stop the others (F9).
 */
final class FileTransfers {

    /**
     * What one transfer holds in memory (stream buffers, zstd window): the memory budget counts this, not the
     * file size, because nothing is held whole.
     */
    static final long TRANSFER_MEMORY_BYTES = 1024 * 1024;

    private static final int COPY_BUFFER_BYTES = 64 * 1024;

    private final FileStore store;
    private final Governor governor;
    private final long maxFileBytes;

    FileTransfers(FileStore store, Governor governor, long maxFileBytes) {
        this.store = store;
        this.governor = governor;
        this.maxFileBytes = maxFileBytes;
    }

    void upload(ServerRequest req, ServerResponse res) throws IOException {
        String boundary = MultipartReader.boundary(req.headers().first(HeaderNames.CONTENT_TYPE).orElse(null));
        if (boundary != null) {
            uploadMultipart(req, res, boundary);
            return;
        }
        String name = validName(req.query().first("name").asOptional().orElse(null));
        OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > maxFileBytes) {
            throw tooLarge(name + " (" + declared.getAsLong() + " bytes)");
        }
        try (InputStream body = req.content().inputStream()) {
            IngestResult result = ingest(body, name, declared.orElse(-1));
            StorageJson.send(res, Status.CREATED_201, StorageJson.stored(result));
        } catch (IOException e) {
            throw problem(e, name);
        }
    }

    private void uploadMultipart(ServerRequest req, ServerResponse res, String boundary) throws IOException {
        List<Map<String, Object>> items = new ArrayList<>();
        ProblemException onlyFailure = null;
        try (InputStream body = req.content().inputStream()) {
            MultipartReader parts = new MultipartReader(body, boundary);
            MultipartReader.Part part;
            while ((part = parts.next()) != null) {
                String raw = part.fileName() != null ? part.fileName() : part.fieldName();
                long started = System.nanoTime();
                int before = items.size();
                try {
                    String name = validName(raw);
                    items.add(StorageJson.stored(ingest(part.body(), name, -1)));
                } catch (ProblemException e) {
                    onlyFailure = e;
                    items.add(StorageJson.failed(raw, e.type(), e.detail()));
                } catch (OperationRejectedException e) {
                    ProblemException p = rejected(e);
                    onlyFailure = p;
                    items.add(StorageJson.failed(raw, p.type(), p.detail()));
                } catch (MultipartReader.MalformedMultipartException e) {
                    throw e;
                } catch (IOException e) {
                    ProblemException p = problem(e, raw);
                    onlyFailure = p;
                    items.add(StorageJson.failed(raw, p.type(), p.detail()));
                }
                if (items.size() > before) {
                    // F9: per-file timing; the single-part answer keeps the plain contract shape
                    items.getLast().put("durationMs", (System.nanoTime() - started) / 1_000_000);
                }
            }
        } catch (MultipartReader.MalformedMultipartException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "body: malformed multipart: " + e.getMessage());
        }
        if (items.isEmpty()) {
            throw ProblemException.invalidField("body", "a multipart upload needs at least one part");
        }
        if (items.size() == 1) {
            if (items.getFirst().containsKey("error")) {
                throw onlyFailure;
            }
            items.getFirst().remove("durationMs");
            StorageJson.send(res, Status.CREATED_201, items.getFirst());
            return;
        }
        StorageJson.send(res, Status.OK_200, Map.of("items", items));
    }

    private IngestResult ingest(InputStream body, String name, long contentLength) throws IOException {
        Slot slot = acquire("upload " + name);
        try (slot) {
            PercentProgress progress = new PercentProgress(slot.progress(), contentLength);
            IngestOptions options = IngestOptions.named(name)
                    .withMaxBytes(maxFileBytes)
                    .withCancelled(slot::isCancelled)
                    .withProgress(progress::bytes);
            try {
                return store.put(body, options);
            } catch (IOException | RuntimeException e) {
                slot.fail(e);
                throw e;
            }
        }
    }

    void download(ServerRequest req, ServerResponse res) throws IOException {
        String id = req.path().pathParameters().get("id");
        StoredFile file = store.find(id).orElseThrow(() -> notFound(id));
        String etag = "\"" + file.sha256() + "\"";
        String ifNoneMatch = req.headers().first(HeaderNames.IF_NONE_MATCH).orElse(null);
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            res.header(HeaderNames.ETAG, etag);
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        Slot slot = acquire("download " + file.name());
        try (slot; FileContent content = store.open(id)) {
            res.header(HeaderNames.ETAG, etag);
            res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream");
            res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename*=UTF-8''"
                    + URLEncoder.encode(content.file().name(), StandardCharsets.UTF_8).replace("+", "%20"));
            res.contentLength(content.sizeBytes());
            try (OutputStream out = res.outputStream()) {
                copy(content.stream(), out, slot, content.sizeBytes());
            } catch (IOException | RuntimeException e) {
                // headers are gone: the only honest signal left is an aborted body (Content-Length not met)
                slot.fail(e);
                throw e;
            }
        } catch (StoredFileNotFoundException e) {
            throw notFound(id);
        } catch (IntegrityException e) {
            throw new ProblemException(ProblemType.INTERNAL_ERROR, "file '" + id + "' failed its integrity check");
        }
    }

    private static void copy(InputStream in, OutputStream out, Slot slot, long total) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER_BYTES];
        PercentProgress progress = new PercentProgress(slot.progress(), total);
        long done = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (slot.isCancelled()) {
                throw new IngestCancelledException("download", done);
            }
            out.write(buffer, 0, n);
            done += n;
            progress.bytes(done);
        }
    }

    private Slot acquire(String name) {
        try {
            return governor.acquire(StorageFeature.AGENT, TRANSFER_MEMORY_BYTES, name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(ProblemType.UNAVAILABLE, "interrupted while waiting for a transfer slot");
        }
    }

    private static String validName(String name) {
        if (name == null || name.isEmpty()) {
            throw ProblemException.invalidField("name", "required (?name= for a raw body, a filename per part)");
        }
        try {
            return FileNames.validate(name);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("name", e.getMessage());
        }
    }

    private ProblemException tooLarge(String what) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "body: " + what
                + " exceeds the file size limit of " + maxFileBytes + " bytes (KEEL_FILES_MAX_BYTES)");
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(ProblemType.NOT_FOUND, "id: no file with id '" + id + "'");
    }

    /** The answer to a failed ingest; nothing was stored in any of these cases. */
    private ProblemException problem(IOException e, String name) {
        if (e instanceof FileTooLargeException) {
            return tooLarge(name);
        }
        if (e instanceof StorageFullException) {
            return new ProblemException(ProblemType.STORAGE_FULL, "storage: no space left for " + name);
        }
        if (e instanceof IngestCancelledException) {
            return new ProblemException(ProblemType.CANCELLED, "upload of " + name + " was cancelled");
        }
        return new ProblemException(ProblemType.BAD_REQUEST, "body: reading the upload failed: " + e.getMessage());
    }

    /** Governor refusals inside a batch become that file's error. */
    static ProblemException rejected(OperationRejectedException e) {
        return new ProblemException(ProblemType.UNAVAILABLE, e.getMessage());
    }
}
