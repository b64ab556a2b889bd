package io.keel.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;

import io.keel.storage.BlobRecord;
import io.keel.storage.CompressionPolicy;

/**
 * Compresses raw blobs that compress well (stored raw under an older policy, or while compression was off).
 * The compressed copy is written and fsynced beside the store without locks, checked against the blob's hash
 * while reading, and swapped in under the hash's lock only if the blob is still raw and still referenced.
 * Readers holding the raw file open keep reading it (POSIX unlink semantics); a reader that looked the blob
 * up just before the swap retries once (see {@code DefaultFileStore.open}).
 */
final class Recompressor {

    record Result(long blobsCompressed, long savedBytes) {
    }

    private static final int PAGE = 200;

    private final StoreContext ctx;
    private final CompressionPolicy policy;
    private final CompressionProbe probe;

    Recompressor(StoreContext ctx) {
        this.ctx = ctx;
        this.policy = ctx.config().compression();
        this.probe = new CompressionProbe(policy);
    }

    Result run() throws IOException {
        if (!policy.enabled()) {
            return new Result(0, 0);
        }
        long count = 0;
        long saved = 0;
        String after = null;
        List<BlobRecord> page;
        while (!(page = ctx.repository().blobs(after, PAGE)).isEmpty()) {
            for (BlobRecord blob : page) {
                if (!blob.compressed() && blob.sizeBytes() >= policy.minSizeBytes() && worthIt(blob)) {
                    long gain = compress(blob);
                    if (gain > 0) {
                        count++;
                        saved += gain;
                    }
                }
            }
            after = page.get(page.size() - 1).sha256();
        }
        return new Result(count, saved);
    }

    private boolean worthIt(BlobRecord blob) throws IOException {
        byte[] sample = new byte[policy.sampleBytes()];
        int length = 0;
        try (InputStream in = Files.newInputStream(ctx.pathOf(blob))) {
            int n;
            while (length < sample.length && (n = in.read(sample, length, sample.length - length)) > 0) {
                length += n;
            }
        } catch (NoSuchFileException e) {
            return false; // deleted meanwhile, or quarantined: nothing to compress
        }
        return probe.worthCompressing(sample, length, length < sample.length);
    }

    /** @return bytes saved, or 0 when nothing changed */
    private long compress(BlobRecord blob) throws IOException {
        Path temp = ctx.layout().newTempFile("recompress-");
        try {
            MessageDigest digest = Sha256.newDigest();
            long stored;
            try (InputStream in = Files.newInputStream(ctx.pathOf(blob));
                 FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                try (ZstdOutputStreamNoFinalizer out =
                             new ZstdOutputStreamNoFinalizer(new ChannelOutput(channel), policy.level())) {
                    byte[] chunk = new byte[Ingestor.CHUNK];
                    int n;
                    while ((n = in.read(chunk)) > 0) {
                        digest.update(chunk, 0, n);
                        out.write(chunk, 0, n);
                    }
                }
                channel.force(true);
                stored = channel.size();
            } catch (NoSuchFileException e) {
                return 0;
            }
            if (!Sha256.hex(digest).equals(blob.sha256()) || stored >= blob.storedBytes()) {
                return 0; // corrupted (the scrub's business) or no gain
            }
            return swap(blob, temp, stored);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private long swap(BlobRecord blob, Path temp, long stored) throws IOException {
        ReentrantLock lock = ctx.locks().lockFor(blob.sha256());
        lock.lock();
        try {
            Optional<BlobRecord> current = ctx.repository().findBlob(blob.sha256());
            if (current.isEmpty() || current.get().compressed()) {
                return 0;
            }
            Path target = ctx.layout().blobPath(blob.sha256(), true);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            BlobLayout.fsyncDirectory(target.getParent());
            ctx.repository().updateBlobStorage(blob.sha256(), stored, true);
            long freed = StoreContext.unlink(ctx.layout().blobPath(blob.sha256(), false));
            return freed - stored;
        } finally {
            lock.unlock();
        }
    }
}
