package io.keel.storage.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import io.keel.storage.FileRecord;
import io.keel.storage.OptimizationReport;
import io.keel.storage.RetentionPolicy;

/**
 * One optimisation run (F7): retention (per-file TTL, maximum age, maximum total size by least recent access;
 * never pinned files), then collection of orphaned and duplicate blob files and drifted reference counts, then
 * compression of raw blobs that compress well. The caller serialises runs.
 */
final class Optimizer {

    /** Removes one logical file; returns on-disk bytes freed, or -1 if it was already gone. */
    interface Remover {
        long remove(String id) throws IOException;
    }

    private static final int PAGE = 200;

    private final StoreContext ctx;
    private final Remover remover;
    private long removedFiles;
    private long freedBytes;

    Optimizer(StoreContext ctx, Remover remover) {
        this.ctx = ctx;
        this.remover = remover;
    }

    OptimizationReport run(long startNanos) throws IOException {
        long filesAtStart = ctx.repository().totals().files();
        RetentionPolicy retention = ctx.config().retention();
        Instant now = ctx.config().clock().instant();

        long expired = removeAll(() -> ctx.repository().expired(now, PAGE));
        ctx.metrics().removed("ttl", expired);
        long aged = 0;
        if (retention.maxAge() != null) {
            Instant cutoff = now.minus(retention.maxAge());
            aged = removeAll(() -> ctx.repository().createdBefore(cutoff, PAGE));
            ctx.metrics().removed("age", aged);
        }
        long evicted = retention.maxTotalStoredBytes() > 0 ? evictToSize(retention.maxTotalStoredBytes()) : 0;
        ctx.metrics().removed("size", evicted);

        BlobCollector.Collected collected = new BlobCollector(ctx).collect(false);
        Recompressor.Result compressed = new Recompressor(ctx).run();

        long durationMs = (ctx.config().nanoTime().getAsLong() - startNanos) / 1_000_000;
        return new OptimizationReport(
                filesAtStart + collected.blobFilesExamined(),
                removedFiles + collected.blobsRemoved(),
                freedBytes + collected.bytesFreed() + compressed.savedBytes(),
                durationMs,
                new OptimizationReport.Details(expired, aged, evicted, collected.blobsRemoved(),
                        collected.countsRepaired(), compressed.blobsCompressed(), compressed.savedBytes()));
    }

    private interface Page {
        List<FileRecord> next();
    }

    /** Removes every file the query returns; removed files leave the query, so paging ends. */
    private long removeAll(Page page) throws IOException {
        long count = 0;
        List<FileRecord> batch;
        while (!(batch = page.next()).isEmpty()) {
            long before = count;
            for (FileRecord file : batch) {
                count += removeOne(file) ? 1 : 0;
            }
            if (count == before) {
                break;
            }
        }
        return count;
    }

    private long evictToSize(long maxStoredBytes) throws IOException {
        long stored = ctx.repository().totals().storedBytes();
        long count = 0;
        while (stored > maxStoredBytes) {
            List<FileRecord> batch = ctx.repository().leastRecentlyAccessed(PAGE);
            if (batch.isEmpty()) {
                break;
            }
            long before = count;
            for (FileRecord file : batch) {
                if (stored <= maxStoredBytes) {
                    break;
                }
                long freed = remover.remove(file.id());
                if (freed >= 0) {
                    stored -= freed;
                    freedBytes += freed;
                    removedFiles++;
                    count++;
                }
            }
            if (count == before) {
                break;
            }
        }
        return count;
    }

    private boolean removeOne(FileRecord file) throws IOException {
        long freed = remover.remove(file.id());
        if (freed < 0) {
            return false;
        }
        freedBytes += freed;
        removedFiles++;
        return true;
    }
}
