package io.keel.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A content-addressed file store on local disk: streaming ingest with SHA-256, deduplication by content,
 * zstd compression of what compresses, retention, optimisation runs and integrity scrubs. Metadata lives in a
 * {@link FileRepository}.
 *
 * <pre>{@code
 * FileStore store = FileStore.builder(root, FileRepository.jdbc(dataSource)).open();
 * IngestResult r = store.put(body, IngestOptions.named("report.json").withMaxBytes(limit)
 *         .withProgress(bytes -> progress.report(bytes)).withCancelled(ctx::isCancelled));
 * try (FileContent c = store.open(r.file().id())) { c.stream().transferTo(out); }
 * }</pre>
 *
 * <p>All methods are safe to call from many threads (virtual threads included). One store per root directory
 * and per set of metadata tables.
 */
public interface FileStore extends AutoCloseable {

    static FileStoreBuilder builder(Path root, FileRepository repository) {
        return new FileStoreBuilder(root, repository);
    }

    /**
     * Streams {@code content} into the store (it is not closed). Nothing is visible until the content is
     * complete and durable.
     *
     * @throws FileTooLargeException     the stream passed {@link IngestOptions#maxBytes()}; nothing stored
     * @throws StorageFullException      the file system is full; nothing stored, metadata untouched
     * @throws IngestCancelledException  cancelled or interrupted; nothing stored
     * @throws IOException               reading {@code content} failed, or another I/O error; nothing stored
     */
    IngestResult put(InputStream content, IngestOptions options) throws IOException;

    /** The file's metadata, without counting as an access. */
    Optional<StoredFile> find(String id);

    /**
     * Opens the file for reading and records the access (for LRU eviction).
     *
     * @throws StoredFileNotFoundException no such file
     * @throws IntegrityException          its blob is missing or quarantined
     */
    FileContent open(String id) throws IOException;

    /**
     * Removes the logical file; its blob goes when no other file references it.
     *
     * @return false when no file had this id
     */
    boolean delete(String id) throws IOException;

    StorageStats stats() throws IOException;

    /** Applies retention, collects orphans and duplicates, compresses what should be (F7). */
    OptimizationReport optimize() throws IOException;

    /** Re-hashes every blob; quarantines and reports those that no longer match. */
    ScrubReport scrub() throws IOException;

    /** What opening the store cleaned up. */
    RecoveryReport recoveryReport();

    Path root();

    @Override
    void close();
}
