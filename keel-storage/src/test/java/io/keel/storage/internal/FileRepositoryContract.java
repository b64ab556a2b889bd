package io.keel.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.keel.storage.BlobRecord;
import io.keel.storage.FileRecord;
import io.keel.storage.FileRepository;
import io.keel.storage.RemovedReference;
import io.keel.storage.RepositoryTotals;

/** What every {@link FileRepository} must do; run against memory, H2 and PostgreSQL. */
abstract class FileRepositoryContract {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

    FileRepository repository;

    /** A fresh, empty repository. */
    abstract FileRepository create() throws Exception;

    /** Plants a blob row with the given reference count, as a crash could leave it. */
    abstract void plantBlob(BlobRecord blob) throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        repository = create();
    }

    static String sha(int n) {
        return String.format("%064x", n);
    }

    static BlobRecord blob(int n, long size) {
        return new BlobRecord(sha(n), size, size / 2, true, 1, T0);
    }

    static FileRecord file(String id, int blob, long size, Instant created) {
        return new FileRecord(id, "name-" + id, sha(blob), size, created, created, false, null);
    }

    @Test
    void firstReferenceInsertsTheBlobAndLaterOnesCountUp() {
        assertThat(repository.addReference(file("a", 1, 100, T0), blob(1, 100))).isFalse();
        assertThat(repository.addReference(file("b", 1, 100, T0), blob(1, 100))).isTrue();

        assertThat(repository.findBlob(sha(1))).get().extracting(BlobRecord::refCount).isEqualTo(2L);
        assertThat(repository.findFile("a")).contains(file("a", 1, 100, T0));
        assertThat(repository.findFile("missing")).isEmpty();
    }

    @Test
    void readsBackEveryFieldExactly() {
        FileRecord pinned = new FileRecord("p", "Übersicht 2026.pdf", sha(7), 12345, T0, T0.plusMillis(5), true,
                T0.plus(Duration.ofDays(3)));
        repository.addReference(pinned, new BlobRecord(sha(7), 12345, 999, false, 1, T0));

        assertThat(repository.findFile("p")).contains(pinned);
        assertThat(repository.findBlob(sha(7))).contains(new BlobRecord(sha(7), 12345, 999, false, 1, T0));
    }

    @Test
    void removingTheLastReferenceDeletesTheBlob() {
        repository.addReference(file("a", 1, 100, T0), blob(1, 100));
        repository.addReference(file("b", 1, 100, T0), blob(1, 100));

        RemovedReference first = repository.removeReference("a").orElseThrow();
        assertThat(first.remainingReferences()).isEqualTo(1);
        assertThat(repository.findBlob(sha(1))).isPresent();

        RemovedReference last = repository.removeReference("b").orElseThrow();
        assertThat(last.remainingReferences()).isZero();
        assertThat(last.file().id()).isEqualTo("b");
        assertThat(repository.findBlob(sha(1))).isEmpty();
        assertThat(repository.removeReference("b")).isEmpty();
    }

    @Test
    void touchMovesLastAccessOnly() {
        repository.addReference(file("a", 1, 100, T0), blob(1, 100));
        repository.touch("a", T0.plusSeconds(60));
        repository.touch("unknown", T0);

        FileRecord read = repository.findFile("a").orElseThrow();
        assertThat(read.lastAccessAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(read.createdAt()).isEqualTo(T0);
    }

    @Test
    void updateBlobStorageChangesFormNotCount() {
        repository.addReference(file("a", 1, 100, T0), new BlobRecord(sha(1), 100, 100, false, 1, T0));
        repository.updateBlobStorage(sha(1), 30, true);

        assertThat(repository.findBlob(sha(1))).contains(new BlobRecord(sha(1), 100, 30, true, 1, T0));
    }

    @Test
    void pagesBlobsAndFilesInKeyOrder() {
        for (int i = 5; i >= 1; i--) {
            repository.addReference(file("f" + i, i, 10, T0), blob(i, 10));
        }
        List<BlobRecord> first = repository.blobs(null, 2);
        assertThat(first).extracting(BlobRecord::sha256).containsExactly(sha(1), sha(2));
        assertThat(repository.blobs(sha(2), 10)).extracting(BlobRecord::sha256).containsExactly(sha(3), sha(4), sha(5));
        assertThat(repository.files("f3", 10)).extracting(FileRecord::id).containsExactly("f4", "f5");
        assertThat(repository.files(null, 1)).extracting(FileRecord::id).containsExactly("f1");
    }

    @Test
    void retentionQueriesSkipPinnedFilesAndOrder() {
        repository.addReference(new FileRecord("ttl-late", "n", sha(1), 1, T0, T0, false, T0.plusSeconds(20)), blob(1, 1));
        repository.addReference(new FileRecord("ttl-soon", "n", sha(1), 1, T0, T0, false, T0.plusSeconds(10)), blob(1, 1));
        repository.addReference(new FileRecord("ttl-pinned", "n", sha(1), 1, T0, T0, true, T0.plusSeconds(5)), blob(1, 1));
        repository.addReference(new FileRecord("ttl-future", "n", sha(1), 1, T0, T0, false, T0.plusSeconds(99)), blob(1, 1));
        repository.addReference(new FileRecord("old", "n", sha(2), 1, T0.minusSeconds(100), T0.plusSeconds(3), false, null), blob(2, 1));
        repository.addReference(new FileRecord("old-pinned", "n", sha(2), 1, T0.minusSeconds(200), T0, true, null), blob(2, 1));

        assertThat(repository.expired(T0.plusSeconds(20), 10)).extracting(FileRecord::id)
                .containsExactly("ttl-soon", "ttl-late");
        assertThat(repository.createdBefore(T0, 10)).extracting(FileRecord::id).containsExactly("old");
        assertThat(repository.leastRecentlyAccessed(10)).extracting(FileRecord::id)
                .containsExactly("ttl-future", "ttl-late", "ttl-soon", "old");
        assertThat(repository.leastRecentlyAccessed(1)).hasSize(1);
    }

    @Test
    void totalsCountEachContentOnce() {
        repository.addReference(file("a", 1, 100, T0), blob(1, 100));
        repository.addReference(file("b", 1, 100, T0), blob(1, 100));
        repository.addReference(file("c", 2, 40, T0), new BlobRecord(sha(2), 40, 40, false, 1, T0));

        assertThat(repository.totals()).isEqualTo(new RepositoryTotals(3, 2, 240, 140, 90));
    }

    @Test
    void emptyTotalsAreZero() {
        assertThat(repository.totals()).isEqualTo(new RepositoryTotals(0, 0, 0, 0, 0));
    }

    @Test
    void reconcileRepairsDriftedCountsAndUnreferencedBlobsCanBeCollected() throws Exception {
        repository.addReference(file("a", 1, 100, T0), blob(1, 100));
        plantBlob(new BlobRecord(sha(1), 100, 50, true, 5, T0));
        plantBlob(new BlobRecord(sha(9), 70, 70, false, 2, T0));

        assertThat(repository.reconcileReferenceCounts()).isEqualTo(2);
        assertThat(repository.findBlob(sha(1))).get().extracting(BlobRecord::refCount).isEqualTo(1L);
        assertThat(repository.unreferencedBlobs(10)).extracting(BlobRecord::sha256).containsExactly(sha(9));
        assertThat(repository.reconcileReferenceCounts()).isZero();

        assertThat(repository.deleteBlobIfUnreferenced(sha(1))).isFalse();
        assertThat(repository.deleteBlobIfUnreferenced(sha(9))).isTrue();
        assertThat(repository.findBlob(sha(9))).isEmpty();
        assertThat(repository.unreferencedBlobs(10)).isEmpty();
    }

    @Test
    void findMissingBlobIsEmpty() {
        assertThat(repository.findBlob(sha(42))).isEqualTo(Optional.empty());
    }
}
