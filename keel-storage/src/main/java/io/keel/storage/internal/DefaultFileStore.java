package io.keel.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;

import io.keel.storage.BlobRecord;
import io.keel.storage.FileContent;
import io.keel.storage.FileRecord;
import io.keel.storage.FileRepository;
import io.keel.storage.FileStore;
import io.keel.storage.FileTooLargeException;
import io.keel.storage.IngestCancelledException;
import io.keel.storage.IngestOptions;
import io.keel.storage.IngestResult;
import io.keel.storage.IntegrityException;
import io.keel.storage.OptimizationReport;
import io.keel.storage.RecoveryReport;
import io.keel.storage.RemovedReference;
import io.keel.storage.RepositoryTotals;
import io.keel.storage.ScrubReport;
import io.keel.storage.StorageFullException;
import io.keel.storage.StorageStats;
import io.keel.storage.StoredFile;
import io.keel.storage.StoredFileNotFoundException;

/**
 * The file store. Ingest writes and fsyncs a temporary file without any lock (so uploads run in parallel), then
 * takes its hash's lock only to decide: the content exists → drop the copy and add a reference; else rename it
 * into place, fsync the directory, and commit blob and file rows together. Metadata is written only after the
 * bytes are durable, so a crash leaves at worst an unreferenced blob or a temp file, which recovery collects.
 *
 * <p>Invariants (per hash, under its lock): a blob row with references has its file in the recorded form; the
 * last reference's removal and the unlink happen under the same lock hold. Optimisation and scrub runs are
 * serialised by a separate maintenance lock and take hash locks one at a time.
 */
public final class DefaultFileStore implements FileStore {

    private final StoreContext ctx;
    private final Ingestor ingestor;
    private final ReentrantLock maintenance = new ReentrantLock();
    private final RecoveryReport recovery;

    private DefaultFileStore(StoreContext ctx, RecoveryReport recovery) {
        this.ctx = ctx;
        this.ingestor = new Ingestor(ctx.layout(), ctx.config().compression(), ctx.config().sinkDecorator());
        this.recovery = recovery;
    }

    public static DefaultFileStore open(StoreConfig config) throws IOException {
        BlobLayout layout = BlobLayout.create(config.root());
        StoreContext ctx = new StoreContext(config, layout, config.repository(), new HashLocks(64),
                new StorageMetrics(config.meterRegistry()));
        BlobCollector collector = new BlobCollector(ctx);
        long temps = collector.removeTempFiles();
        BlobCollector.Collected collected = collector.collect(true);
        RecoveryReport report = new RecoveryReport(temps, collected.blobsRemoved(), collected.countsRepaired(),
                collected.bytesFreed());
        return new DefaultFileStore(ctx, report);
    }

    @Override
    public IngestResult put(InputStream content, IngestOptions options) throws IOException {
        long start = ctx.config().nanoTime().getAsLong();
        String outcome = "failed";
        long bytes = 0;
        try {
            TempBlob temp = ingestor.ingest(content, options);
            bytes = temp.sizeBytes();
            IngestResult result = commit(temp, options);
            outcome = result.deduplicated() ? "deduplicated" : "stored";
            return result;
        } catch (FileTooLargeException e) {
            outcome = "too_large";
            throw e;
        } catch (StorageFullException e) {
            outcome = "storage_full";
            throw e;
        } catch (IngestCancelledException e) {
            outcome = "cancelled";
            throw e;
        } finally {
            ctx.metrics().ingest(outcome, ctx.config().nanoTime().getAsLong() - start, bytes);
        }
    }

    private IngestResult commit(TempBlob temp, IngestOptions options) throws IOException {
        Instant now = now();
        String sha = temp.sha256();
        FileRecord file = new FileRecord(UUID.randomUUID().toString(), options.name(), sha, temp.sizeBytes(), now,
                now, options.pinned(), options.ttl() == null ? null : now.plus(options.ttl()));
        FileRepository repository = ctx.repository();
        ReentrantLock lock = ctx.locks().lockFor(sha);
        lock.lock();
        Path placed = null;
        try {
            Optional<BlobRecord> existing = repository.findBlob(sha);
            BlobRecord blob;
            if (existing.isPresent() && Files.exists(ctx.pathOf(existing.get()))) {
                Files.deleteIfExists(temp.path());
                blob = existing.get();
            } else {
                placed = place(temp);
                blob = new BlobRecord(sha, temp.sizeBytes(), temp.storedBytes(), temp.compressed(), 1, now);
                if (existing.isPresent()) {
                    // The recorded file was quarantined or lost: this fresh, verified copy heals the blob.
                    repository.updateBlobStorage(sha, temp.storedBytes(), temp.compressed());
                    StoreContext.unlink(ctx.layout().blobPath(sha, !temp.compressed()));
                }
            }
            boolean deduplicated = repository.addReference(file, blob);
            return new IngestResult(storedFile(file, blob), deduplicated);
        } catch (IOException | RuntimeException e) {
            if (placed != null) {
                dropUncommitted(placed, sha, e);
            }
            throw e;
        } finally {
            try {
                Files.deleteIfExists(temp.path());
            } finally {
                lock.unlock();
            }
        }
    }

    /** The blob went into place but its metadata did not commit: take it out again unless a row names it. */
    private void dropUncommitted(Path placed, String sha, Exception failure) {
        try {
            if (ctx.repository().findBlob(sha).isEmpty()) {
                StoreContext.unlink(placed);
            }
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e); // recovery at the next open collects it
        }
    }

    private Path place(TempBlob temp) throws IOException {
        Path target = ctx.layout().blobPath(temp.sha256(), temp.compressed());
        try {
            Path shard = target.getParent();
            if (!Files.isDirectory(shard)) {
                Files.createDirectories(shard);
                BlobLayout.fsyncDirectory(shard.getParent());
                BlobLayout.fsyncDirectory(shard.getParent().getParent());
            }
            Files.move(temp.path(), target, StandardCopyOption.ATOMIC_MOVE);
            BlobLayout.fsyncDirectory(shard);
            return target;
        } catch (IOException e) {
            if (DiskFull.is(e)) {
                throw new StorageFullException("no space left on the device while placing blob " + temp.sha256()
                        + "; nothing was stored", e);
            }
            throw e;
        }
    }

    @Override
    public Optional<StoredFile> find(String id) {
        return ctx.repository().findFile(id).flatMap(file ->
                ctx.repository().findBlob(file.sha256()).map(blob -> storedFile(file, blob)));
    }

    @Override
    public FileContent open(String id) throws IOException {
        FileRecord file = ctx.repository().findFile(id).orElseThrow(() -> new StoredFileNotFoundException(id));
        String sha = file.sha256();
        // Two attempts: an optimisation run may recompress the blob between reading its row and opening its file.
        for (int attempt = 0; ; attempt++) {
            BlobRecord blob = ctx.repository().findBlob(sha).orElseThrow(() -> {
                ctx.metrics().integrityFailure();
                return new IntegrityException(sha, "metadata missing for a referenced blob");
            });
            InputStream raw;
            try {
                raw = Files.newInputStream(ctx.pathOf(blob));
            } catch (NoSuchFileException e) {
                if (attempt == 0) {
                    continue;
                }
                ctx.metrics().integrityFailure();
                throw new IntegrityException(sha, "blob file is missing (quarantined by a scrub, or deleted);"
                        + " upload the content again to heal it", e);
            }
            InputStream decoded;
            Instant now = now();
            try {
                ctx.repository().touch(id, now);
                decoded = blob.compressed() ? new ZstdInputStreamNoFinalizer(raw) : raw;
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
            InputStream verified = new VerifyingInputStream(decoded, sha, file.sizeBytes(),
                    ctx.metrics()::integrityFailure, ctx.metrics()::read);
            return new FileContent(storedFile(file.withLastAccessAt(now), blob), verified);
        }
    }

    @Override
    public boolean delete(String id) throws IOException {
        long freed = remove(id);
        if (freed >= 0) {
            ctx.metrics().removed("delete", 1);
        }
        return freed >= 0;
    }

    /** @return on-disk bytes freed, or -1 when no file had this id */
    long remove(String id) throws IOException {
        Optional<FileRecord> file = ctx.repository().findFile(id);
        if (file.isEmpty()) {
            return -1;
        }
        ReentrantLock lock = ctx.locks().lockFor(file.get().sha256());
        lock.lock();
        try {
            Optional<RemovedReference> removed = ctx.repository().removeReference(id);
            if (removed.isEmpty()) {
                return -1;
            }
            return removed.get().remainingReferences() == 0 ? ctx.unlinkBlob(file.get().sha256()) : 0;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public StorageStats stats() throws IOException {
        RepositoryTotals totals = ctx.repository().totals();
        long max = ctx.config().retention().maxTotalStoredBytes();
        long capacity = max > 0 ? max : totals.storedBytes() + Files.getFileStore(ctx.layout().root()).getUsableSpace();
        double utilization = capacity == 0 ? 0 : Math.round(totals.storedBytes() * 1000.0 / capacity) / 10.0;
        StorageStats stats = new StorageStats(totals.files(), totals.logicalBytes(), totals.storedBytes(),
                totals.logicalBytes() - totals.uniqueBytes(), totals.uniqueBytes() - totals.storedBytes(),
                capacity, utilization);
        ctx.metrics().stats(stats);
        return stats;
    }

    @Override
    public OptimizationReport optimize() throws IOException {
        maintenance.lock();
        try {
            long start = ctx.config().nanoTime().getAsLong();
            OptimizationReport report = new Optimizer(ctx, this::remove).run(start);
            ctx.metrics().run("optimize", ctx.config().nanoTime().getAsLong() - start);
            stats();
            return report;
        } finally {
            maintenance.unlock();
        }
    }

    @Override
    public ScrubReport scrub() throws IOException {
        maintenance.lock();
        try {
            long start = ctx.config().nanoTime().getAsLong();
            ScrubReport report = new Scrubber(ctx).run(start);
            ctx.metrics().run("scrub", ctx.config().nanoTime().getAsLong() - start);
            return report;
        } finally {
            maintenance.unlock();
        }
    }

    @Override
    public RecoveryReport recoveryReport() {
        return recovery;
    }

    @Override
    public Path root() {
        return ctx.layout().root();
    }

    @Override
    public void close() {
        // Nothing is held open between calls; every stream handed out is closed by its reader.
    }

    private Instant now() {
        // Millisecond precision: what every database keeps, so metadata reads back exactly as written.
        return ctx.config().clock().instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static StoredFile storedFile(FileRecord file, BlobRecord blob) {
        return new StoredFile(file.id(), file.name(), file.sizeBytes(), blob.storedBytes(), file.sha256(),
                blob.compressed(), file.createdAt(), file.lastAccessAt(), file.pinned(), file.expiresAt());
    }
}
