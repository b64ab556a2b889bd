package io.keel.storage.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.keel.storage.BlobRecord;
import io.keel.storage.FileRepository;

/** What the store's parts share: layout, metadata, per-hash locks, configuration and meters. */
record StoreContext(StoreConfig config, BlobLayout layout, FileRepository repository, HashLocks locks,
                    StorageMetrics metrics) {

    /**
     * Deletes both possible forms of a blob's file; the caller holds the hash's lock and has already removed
     * (or never had) the blob row.
     *
     * @return bytes freed on disk
     */
    long unlinkBlob(String sha256) throws IOException {
        long freed = 0;
        for (boolean compressed : new boolean[] {false, true}) {
            freed += unlink(layout.blobPath(sha256, compressed));
        }
        return freed;
    }

    static long unlink(Path path) throws IOException {
        try {
            long size = Files.size(path);
            Files.delete(path);
            return size;
        } catch (java.nio.file.NoSuchFileException e) {
            return 0;
        }
    }

    Path pathOf(BlobRecord blob) {
        return layout.blobPath(blob.sha256(), blob.compressed());
    }
}
