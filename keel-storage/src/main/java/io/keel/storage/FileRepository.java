package io.keel.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.keel.storage.internal.InMemoryFileRepository;
import io.keel.storage.internal.JdbcFileRepository;

/**
 * Where the file store keeps its metadata: logical files and the blobs they reference. The server keeps it in
 * its own database ({@link #jdbc}, H2 or PostgreSQL, tables from {@code io/keel/storage/schema.sql}); tests and
 * embedded uses can keep it in memory. One contract suite runs against every implementation.
 *
 * <p>Every method is atomic on its own. The store serialises operations on one content hash itself (in one
 * process), so implementations need no cross-call locking; one store per set of tables.
 */
public interface FileRepository {

    static FileRepository inMemory() {
        return new InMemoryFileRepository();
    }

    /** Plain JDBC over the server's pool; the tables must exist (see {@code schema.sql}). */
    static FileRepository jdbc(DataSource dataSource) {
        return new JdbcFileRepository(dataSource);
    }

    /**
     * Inserts the file and references its blob in one transaction: increments the blob's count when it exists,
     * else inserts {@code blob} with a count of one.
     *
     * @return true when the blob already existed (the file was deduplicated)
     */
    boolean addReference(FileRecord file, BlobRecord blob);

    /**
     * Deletes the file and decrements its blob in one transaction; a blob left with no reference is deleted too.
     *
     * @return what was removed, or empty when no file has this id
     */
    Optional<RemovedReference> removeReference(String fileId);

    Optional<FileRecord> findFile(String id);

    Optional<BlobRecord> findBlob(String sha256);

    /** Records a read; unknown ids are ignored. */
    void touch(String fileId, Instant at);

    /** Changes how a blob is stored (size on disk, compressed or not); its count and sizes stay. */
    void updateBlobStorage(String sha256, long storedBytes, boolean compressed);

    /** Blobs in hash order after {@code afterSha256} (null: from the start). */
    List<BlobRecord> blobs(String afterSha256, int limit);

    /** Files in id order after {@code afterId} (null: from the start). */
    List<FileRecord> files(String afterId, int limit);

    /** Unpinned files whose TTL ended at or before {@code now}, soonest first. */
    List<FileRecord> expired(Instant now, int limit);

    /** Unpinned files created before {@code cutoff}, oldest first. */
    List<FileRecord> createdBefore(Instant cutoff, int limit);

    /** Unpinned files, least recently accessed first (ties by id). */
    List<FileRecord> leastRecentlyAccessed(int limit);

    RepositoryTotals totals();

    /** Sets every blob's count to the number of files referencing it (repairs drift after a crash). */
    int reconcileReferenceCounts();

    /** Blobs that no file references. */
    List<BlobRecord> unreferencedBlobs(int limit);

    /** Deletes the blob row if still no file references it. */
    boolean deleteBlobIfUnreferenced(String sha256);
}
