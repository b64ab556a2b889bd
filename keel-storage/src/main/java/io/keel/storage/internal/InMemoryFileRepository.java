package io.keel.storage.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.keel.storage.BlobRecord;
import io.keel.storage.FileRecord;
import io.keel.storage.FileRepository;
import io.keel.storage.RemovedReference;
import io.keel.storage.RepositoryTotals;

/**
 * Metadata in memory, for tests and embedded use. One lock guards both maps, so every method is atomic like a
 * database transaction; queries scan (fine at the sizes this is meant for).
 */
public final class InMemoryFileRepository implements FileRepository {

    private final ReentrantLock lock = new ReentrantLock();
    private final TreeMap<String, FileRecord> files = new TreeMap<>();
    private final TreeMap<String, BlobRecord> blobs = new TreeMap<>();

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean addReference(FileRecord file, BlobRecord blob) {
        return locked(() -> {
            if (files.containsKey(file.id())) {
                throw new IllegalStateException("file id already exists: " + file.id());
            }
            if (!blob.sha256().equals(file.sha256())) {
                throw new IllegalArgumentException("file " + file.id() + " references " + file.sha256()
                        + ", not " + blob.sha256());
            }
            BlobRecord existing = blobs.get(blob.sha256());
            blobs.put(blob.sha256(), existing == null ? blob.withRefCount(1)
                    : existing.withRefCount(existing.refCount() + 1));
            files.put(file.id(), file);
            return existing != null;
        });
    }

    @Override
    public Optional<RemovedReference> removeReference(String fileId) {
        return locked(() -> {
            FileRecord file = files.remove(fileId);
            if (file == null) {
                return Optional.empty();
            }
            BlobRecord blob = blobs.get(file.sha256());
            long remaining = Math.max(0, blob.refCount() - 1);
            if (remaining == 0) {
                blobs.remove(file.sha256());
            } else {
                blobs.put(blob.sha256(), blob.withRefCount(remaining));
            }
            return Optional.of(new RemovedReference(file, blob.withRefCount(remaining), remaining));
        });
    }

    @Override
    public Optional<FileRecord> findFile(String id) {
        return locked(() -> Optional.ofNullable(files.get(id)));
    }

    @Override
    public Optional<BlobRecord> findBlob(String sha256) {
        return locked(() -> Optional.ofNullable(blobs.get(sha256)));
    }

    @Override
    public void touch(String fileId, Instant at) {
        locked(() -> files.computeIfPresent(fileId, (id, file) -> file.withLastAccessAt(at)));
    }

    @Override
    public void updateBlobStorage(String sha256, long storedBytes, boolean compressed) {
        locked(() -> blobs.computeIfPresent(sha256, (sha, blob) -> blob.withStorage(storedBytes, compressed)));
    }

    @Override
    public List<BlobRecord> blobs(String afterSha256, int limit) {
        return locked(() -> (afterSha256 == null ? blobs : blobs.tailMap(afterSha256, false)).values().stream()
                .limit(limit).toList());
    }

    @Override
    public List<FileRecord> files(String afterId, int limit) {
        return locked(() -> (afterId == null ? files : files.tailMap(afterId, false)).values().stream()
                .limit(limit).toList());
    }

    @Override
    public List<FileRecord> expired(Instant now, int limit) {
        return query(f -> f.expiresAt() != null && !f.expiresAt().isAfter(now),
                Comparator.comparing(FileRecord::expiresAt), limit);
    }

    @Override
    public List<FileRecord> createdBefore(Instant cutoff, int limit) {
        return query(f -> f.createdAt().isBefore(cutoff), Comparator.comparing(FileRecord::createdAt), limit);
    }

    @Override
    public List<FileRecord> leastRecentlyAccessed(int limit) {
        return query(f -> true, Comparator.comparing(FileRecord::lastAccessAt), limit);
    }

    private List<FileRecord> query(Predicate<FileRecord> filter, Comparator<FileRecord> order, int limit) {
        return locked(() -> files.values().stream().filter(f -> !f.pinned()).filter(filter)
                .sorted(order.thenComparing(FileRecord::id)).limit(limit).toList());
    }

    @Override
    public RepositoryTotals totals() {
        return locked(() -> {
            long logical = files.values().stream().mapToLong(FileRecord::sizeBytes).sum();
            List<BlobRecord> live = blobs.values().stream().filter(b -> b.refCount() > 0).toList();
            return new RepositoryTotals(files.size(), live.size(), logical,
                    live.stream().mapToLong(BlobRecord::sizeBytes).sum(),
                    live.stream().mapToLong(BlobRecord::storedBytes).sum());
        });
    }

    @Override
    public int reconcileReferenceCounts() {
        return locked(() -> {
            Map<String, Long> counts = new HashMap<>();
            files.values().forEach(f -> counts.merge(f.sha256(), 1L, Long::sum));
            int repaired = 0;
            for (Map.Entry<String, BlobRecord> entry : blobs.entrySet()) {
                long actual = counts.getOrDefault(entry.getKey(), 0L);
                if (entry.getValue().refCount() != actual) {
                    entry.setValue(entry.getValue().withRefCount(actual));
                    repaired++;
                }
            }
            return repaired;
        });
    }

    @Override
    public List<BlobRecord> unreferencedBlobs(int limit) {
        return locked(() -> blobs.values().stream().filter(b -> b.refCount() == 0).limit(limit).toList());
    }

    @Override
    public boolean deleteBlobIfUnreferenced(String sha256) {
        return locked(() -> {
            boolean referenced = files.values().stream().anyMatch(f -> f.sha256().equals(sha256));
            return !referenced && blobs.remove(sha256) != null;
        });
    }

    /** Test hook: plants a row as a crash or an outside hand might leave it. */
    void plantBlob(BlobRecord blob) {
        locked(() -> blobs.put(blob.sha256(), blob));
    }
}
