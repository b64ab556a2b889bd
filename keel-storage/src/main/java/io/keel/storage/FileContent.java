package io.keel.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * An open stored file: its metadata and a stream of its original bytes, decompressed and verified on the fly.
 * Close it when done (try-with-resources).
 *
 * <p>Integrity: the stream re-hashes what it delivers and withholds the final chunk until the SHA-256 matches.
 * Wrong, missing or extra bytes end in an {@link IntegrityException} instead of end-of-stream, so a consumer
 * never sees a clean end of wrong content (an HTTP response is aborted rather than completed).
 */
public final class FileContent implements AutoCloseable {

    private final StoredFile file;
    private final InputStream stream;

    public FileContent(StoredFile file, InputStream stream) {
        this.file = Objects.requireNonNull(file, "file");
        this.stream = Objects.requireNonNull(stream, "stream");
    }

    public StoredFile file() {
        return file;
    }

    /** The original bytes; read it once. */
    public InputStream stream() {
        return stream;
    }

    /** Content-Length. */
    public long sizeBytes() {
        return file.sizeBytes();
    }

    /** The ETag. */
    public String sha256() {
        return file.sha256();
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
