package io.keel.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;

import io.keel.storage.BlobRecord;
import io.keel.storage.ScrubReport;

/**
 * Re-hashes every blob (decompressing when needed) and moves those that no longer match their hash or size
 * into {@code quarantine/}, where an operator can inspect them. The blob row stays: the files that reference
 * it now fail to read with an integrity error, and an upload of the same content heals it.
 */
final class Scrubber {

    private static final int PAGE = 200;

    private final StoreContext ctx;

    Scrubber(StoreContext ctx) {
        this.ctx = ctx;
    }

    ScrubReport run(long startNanos) throws IOException {
        long checked = 0;
        long bytes = 0;
        List<String> corrupted = new ArrayList<>();
        String after = null;
        List<BlobRecord> page;
        while (!(page = ctx.repository().blobs(after, PAGE)).isEmpty()) {
            for (BlobRecord blob : page) {
                checked++;
                Path path = ctx.pathOf(blob);
                if (verify(blob, path) != null && quarantine(blob, path)) {
                    corrupted.add(blob.sha256());
                    ctx.metrics().integrityFailure();
                }
                bytes += blob.storedBytes();
            }
            after = page.get(page.size() - 1).sha256();
        }
        long durationMs = (ctx.config().nanoTime().getAsLong() - startNanos) / 1_000_000;
        return new ScrubReport(checked, bytes, corrupted, durationMs);
    }

    /** @return what is wrong, or null when the blob is intact */
    private String verify(BlobRecord blob, Path path) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        long size = 0;
        try (InputStream raw = Files.newInputStream(path);
             InputStream in = blob.compressed() ? new ZstdInputStreamNoFinalizer(raw) : raw) {
            byte[] chunk = new byte[Ingestor.CHUNK];
            int n;
            while ((n = in.read(chunk)) > 0) {
                digest.update(chunk, 0, n);
                size += n;
            }
        } catch (NoSuchFileException e) {
            return "missing";
        } catch (ZstdIOException e) {
            return "undecodable: " + e.getMessage();
        }
        if (size != blob.sizeBytes()) {
            return "size " + size + " instead of " + blob.sizeBytes();
        }
        return Sha256.hex(digest).equals(blob.sha256()) ? null : "hash mismatch";
    }

    /**
     * Re-checks under the hash's lock (an upload may have healed the blob, or a delete removed it, since the
     * unlocked check) and moves the file aside only if it is still bad. The second read happens only for blobs
     * that already failed once, which are rare.
     *
     * @return false when the blob is gone or fine now: not corruption
     */
    private boolean quarantine(BlobRecord seen, Path seenPath) throws IOException {
        ReentrantLock lock = ctx.locks().lockFor(seen.sha256());
        lock.lock();
        try {
            Optional<BlobRecord> current = ctx.repository().findBlob(seen.sha256());
            if (current.isEmpty()) {
                return false;
            }
            Path path = ctx.pathOf(current.get());
            if (verify(current.get(), path) == null) {
                return false;
            }
            if (Files.exists(path)) {
                Path target = ctx.layout().quarantine().resolve(path.getFileName() + "."
                        + ctx.config().clock().millis());
                Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
                BlobLayout.fsyncDirectory(path.getParent());
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
