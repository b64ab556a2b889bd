package io.keel.storage.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import io.keel.storage.BlobRecord;

/**
 * Finds what a crash (or an outside hand) left behind and removes it: temporary files of interrupted ingests,
 * reference counts that disagree with the files, blobs no file references, blob files with no metadata or in
 * the form the metadata does not name (a duplicate of the recorded one).
 *
 * <p>Safe beside live ingests: a blob file is judged only under its hash's lock, and an ingest holds that lock
 * from the rename into place until its reference is committed, so a just-renamed blob is never taken for an
 * orphan. Temporary files are removed only at open, before any ingest can start.
 */
final class BlobCollector {

    private static final int PAGE = 200;

    private final StoreContext ctx;

    BlobCollector(StoreContext ctx) {
        this.ctx = ctx;
    }

    /** Only at open: every file in tmp/ belongs to an ingest that can no longer finish. */
    long removeTempFiles() throws IOException {
        long removed = 0;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(ctx.layout().tmp())) {
            for (Path temp : temps) {
                if (Files.deleteIfExists(temp)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Result of one collection pass. */
    record Collected(long countsRepaired, long blobsRemoved, long bytesFreed, long blobFilesExamined) {
    }

    /**
     * @param reconcileCounts repair reference counts first. Only at open: counts cannot drift in a running
     *                        process (every change is one transaction), and the single repair statement is
     *                        not safe beside concurrent ingests (it would count from a snapshot)
     */
    Collected collect(boolean reconcileCounts) throws IOException {
        long repaired = reconcileCounts ? ctx.repository().reconcileReferenceCounts() : 0;
        long removed = 0;
        long freed = 0;
        List<BlobRecord> unreferenced;
        while (!(unreferenced = ctx.repository().unreferencedBlobs(PAGE)).isEmpty()) {
            boolean progress = false;
            for (BlobRecord blob : unreferenced) {
                ReentrantLock lock = ctx.locks().lockFor(blob.sha256());
                lock.lock();
                try {
                    if (ctx.repository().deleteBlobIfUnreferenced(blob.sha256())) {
                        freed += ctx.unlinkBlob(blob.sha256());
                        removed++;
                        progress = true;
                    }
                } finally {
                    lock.unlock();
                }
            }
            if (!progress) {
                break;
            }
        }
        long examined = 0;
        try (Stream<Path> files = Files.walk(ctx.layout().blobs())) {
            for (Path path : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Optional<BlobLayout.BlobFile> parsed = BlobLayout.parse(path);
                if (parsed.isEmpty()) {
                    continue;
                }
                examined++;
                long bytes = removeIfOrphan(parsed.get());
                if (bytes >= 0) {
                    removed++;
                    freed += bytes;
                }
            }
        }
        return new Collected(repaired, removed, freed, examined);
    }

    /** @return bytes freed, or -1 when the file is the recorded form of a known blob */
    private long removeIfOrphan(BlobLayout.BlobFile file) throws IOException {
        ReentrantLock lock = ctx.locks().lockFor(file.sha256());
        lock.lock();
        try {
            Optional<BlobRecord> blob = ctx.repository().findBlob(file.sha256());
            if (blob.isPresent() && blob.get().compressed() == file.compressed()) {
                return -1;
            }
            return StoreContext.unlink(file.path());
        } finally {
            lock.unlock();
        }
    }
}
