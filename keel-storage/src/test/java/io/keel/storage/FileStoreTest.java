package io.keel.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.keel.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class FileStoreTest {

    @TempDir
    Path root;

    final ManualClock clock = new ManualClock();
    final FileRepository repository = FileRepository.inMemory();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    FileStore open(RetentionPolicy retention, CompressionPolicy compression) throws IOException {
        return FileStore.builder(root, repository).clock(clock).nanoTime(clock).meterRegistry(meters)
                .retention(retention).compression(compression).open();
    }

    FileStore open() throws IOException {
        return open(RetentionPolicy.none(), CompressionPolicy.ofDefaults());
    }

    static byte[] readAll(FileStore store, String id) throws IOException {
        try (FileContent content = store.open(id)) {
            return content.stream().readAllBytes();
        }
    }

    long filesUnder(String dir) throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve(dir))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void storesAndReadsBackIncompressibleContentAsIs() throws IOException {
        FileStore store = open();
        byte[] bytes = TestContent.random(1, 300_000);

        IngestResult result = store.put(TestContent.stream(bytes), IngestOptions.named("random.bin"));

        StoredFile file = result.file();
        assertThat(result.deduplicated()).isFalse();
        assertThat(file.compressed()).isFalse();
        assertThat(file.sizeBytes()).isEqualTo(300_000);
        assertThat(file.storedBytes()).isEqualTo(300_000);
        assertThat(file.sha256()).isEqualTo(java.util.HexFormat.of().formatHex(sha256(bytes)));
        assertThat(file.name()).isEqualTo("random.bin");
        try (FileContent content = store.open(file.id())) {
            assertThat(content.sizeBytes()).isEqualTo(300_000);
            assertThat(content.sha256()).isEqualTo(file.sha256());
            assertThat(content.stream().readAllBytes()).isEqualTo(bytes);
        }
        assertThat(filesUnder("tmp")).isZero();
        assertThat(Files.exists(root.resolve("blobs").resolve(file.sha256().substring(0, 2))
                .resolve(file.sha256().substring(2, 4)).resolve(file.sha256()))).isTrue();
    }

    @Test
    void compressesJsonLogsAndReadsThemBackTransparently() throws IOException {
        FileStore store = open();
        byte[] logs = TestContent.jsonLogs(2, 1_000_000);

        StoredFile file = store.put(TestContent.stream(logs), IngestOptions.named("app.log")).file();

        assertThat(file.compressed()).isTrue();
        assertThat(file.storedBytes()).isLessThan(logs.length / 3);
        assertThat(readAll(store, file.id())).isEqualTo(logs);
        assertThat(file.sha256()).isEqualTo(java.util.HexFormat.of().formatHex(sha256(logs)));
    }

    @Test
    void tinyAndEmptyContentIsStoredRaw() throws IOException {
        FileStore store = open();
        StoredFile empty = store.put(InputStream.nullInputStream(), IngestOptions.named("empty")).file();
        StoredFile tiny = store.put(TestContent.stream("aaaaaaaaaa".getBytes()), IngestOptions.named("tiny")).file();

        assertThat(empty.sizeBytes()).isZero();
        assertThat(readAll(store, empty.id())).isEmpty();
        assertThat(tiny.compressed()).isFalse();
        assertThat(readAll(store, tiny.id())).isEqualTo("aaaaaaaaaa".getBytes());
    }

    @Test
    void oversizeStreamIsCutOffAndNothingStored() throws IOException {
        FileStore store = open();
        TestContent.Generated endless = new TestContent.Generated(3, Long.MAX_VALUE);

        assertThatThrownBy(() -> store.put(endless, IngestOptions.named("big").withMaxBytes(1_000_000)))
                .isInstanceOf(FileTooLargeException.class)
                .hasMessageContaining("1000000")
                .satisfies(e -> assertThat(((FileTooLargeException) e).limitBytes()).isEqualTo(1_000_000));

        assertThat(filesUnder("tmp")).isZero();
        assertThat(filesUnder("blobs")).isZero();
        assertThat(store.stats().files()).isZero();
    }

    @Test
    void contentExactlyAtTheLimitIsAccepted() throws IOException {
        FileStore store = open();
        byte[] bytes = TestContent.random(4, 4096);
        StoredFile file = store.put(TestContent.stream(bytes), IngestOptions.named("x").withMaxBytes(4096)).file();
        assertThat(readAll(store, file.id())).isEqualTo(bytes);
    }

    @Test
    void reportsProgressAsBytesArrive() throws IOException {
        FileStore store = open();
        List<Long> progress = new ArrayList<>();

        store.put(new TestContent.Generated(5, 1_000_000), IngestOptions.named("p").withProgress(progress::add));

        assertThat(progress).isSorted().isNotEmpty();
        assertThat(progress.get(progress.size() - 1)).isEqualTo(1_000_000L);
        assertThat(progress.size()).isGreaterThan(5);
    }

    @Test
    void cancellationAbortsCleanly() throws IOException {
        FileStore store = open();
        AtomicBoolean cancelled = new AtomicBoolean();
        IngestOptions options = IngestOptions.named("c").withProgress(bytes -> {
            if (bytes > 500_000) {
                cancelled.set(true);
            }
        }).withCancelled(cancelled::get);

        assertThatThrownBy(() -> store.put(new TestContent.Generated(6, 5_000_000), options))
                .isInstanceOf(IngestCancelledException.class);
        assertThat(filesUnder("tmp")).isZero();
        assertThat(filesUnder("blobs")).isZero();
        assertThat(store.stats().files()).isZero();
    }

    @Test
    void interruptAbortsCleanly() throws Exception {
        FileStore store = open();
        IngestOptions options = IngestOptions.named("i").withProgress(bytes -> {
            if (bytes > 500_000) {
                Thread.currentThread().interrupt();
            }
        });
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            try {
                store.put(new TestContent.Generated(7, 5_000_000), options);
            } catch (Throwable e) {
                thrown.set(e);
            }
        }).join();
        assertThat(thrown.get()).isInstanceOf(IngestCancelledException.class);
        assertThat(filesUnder("tmp")).isZero();
        assertThat(store.stats().files()).isZero();
    }

    @Test
    void identicalContentIsStoredOnceAndSurvivesDeleteOfOneReference() throws IOException {
        FileStore store = open();
        byte[] bytes = TestContent.jsonLogs(8, 200_000);

        IngestResult first = store.put(TestContent.stream(bytes), IngestOptions.named("a.log"));
        IngestResult second = store.put(TestContent.stream(bytes), IngestOptions.named("b.log"));

        assertThat(second.deduplicated()).isTrue();
        assertThat(second.file().id()).isNotEqualTo(first.file().id());
        assertThat(second.file().name()).isEqualTo("b.log");
        assertThat(filesUnder("blobs")).isEqualTo(1);
        assertThat(repository.findBlob(first.file().sha256())).get().extracting(BlobRecord::refCount).isEqualTo(2L);

        assertThat(store.delete(first.file().id())).isTrue();
        assertThat(store.delete(first.file().id())).isFalse();
        assertThat(readAll(store, second.file().id())).isEqualTo(bytes);
        assertThat(store.delete(second.file().id())).isTrue();
        assertThat(filesUnder("blobs")).isZero();
        assertThat(repository.findBlob(first.file().sha256())).isEmpty();
    }

    @Test
    void statsAccountForDedupAndCompression() throws IOException {
        FileStore store = open(RetentionPolicy.none().withMaxTotalStoredBytes(10_000_000), CompressionPolicy.ofDefaults());
        byte[] logs = TestContent.jsonLogs(9, 500_000);
        byte[] random = TestContent.random(9, 100_000);
        StoredFile log = store.put(TestContent.stream(logs), IngestOptions.named("1")).file();
        store.put(TestContent.stream(logs), IngestOptions.named("2"));
        store.put(TestContent.stream(random), IngestOptions.named("3"));

        StorageStats stats = store.stats();

        assertThat(stats.files()).isEqualTo(3);
        assertThat(stats.logicalBytes()).isEqualTo(1_100_000);
        assertThat(stats.storedBytes()).isEqualTo(log.storedBytes() + 100_000);
        assertThat(stats.dedupSavedBytes()).isEqualTo(500_000);
        assertThat(stats.compressionSavedBytes()).isEqualTo(500_000 - log.storedBytes());
        assertThat(stats.logicalBytes())
                .isEqualTo(stats.storedBytes() + stats.dedupSavedBytes() + stats.compressionSavedBytes());
        assertThat(stats.capacityBytes()).isEqualTo(10_000_000);
        assertThat(stats.utilizationPercent()).isCloseTo(stats.storedBytes() * 100.0 / 10_000_000, org.assertj.core.data.Offset.offset(0.1));
        assertThat(meters.get("keel.storage.stored.bytes").gauge().value()).isEqualTo(stats.storedBytes());
        assertThat(meters.get("keel.storage.ingest").tag("outcome", "deduplicated").timer().count()).isEqualTo(1);
    }

    @Test
    void unknownIdIsNotFound() throws IOException {
        FileStore store = open();
        assertThatThrownBy(() -> store.open("nope")).isInstanceOf(StoredFileNotFoundException.class);
        assertThat(store.find("nope")).isEmpty();
        assertThat(store.delete("nope")).isFalse();
    }

    @Test
    void readingRecordsTheAccess() throws IOException {
        FileStore store = open();
        StoredFile file = store.put(TestContent.stream(new byte[10]), IngestOptions.named("t")).file();
        clock.advance(Duration.ofMinutes(5));

        try (FileContent content = store.open(file.id())) {
            assertThat(content.file().lastAccessAt()).isEqualTo(file.createdAt().plus(Duration.ofMinutes(5)));
        }
        assertThat(store.find(file.id()).orElseThrow().lastAccessAt()).isEqualTo(clock.instant());
    }

    @Test
    void optimisationAppliesTtlAndMaxAgeButNeverTouchesPinnedFiles() throws IOException {
        FileStore store = open(RetentionPolicy.none().withMaxAge(Duration.ofDays(7)), CompressionPolicy.ofDefaults());
        StoredFile old = store.put(TestContent.stream(TestContent.random(10, 1000)), IngestOptions.named("old")).file();
        StoredFile pinned = store.put(TestContent.stream(TestContent.random(11, 1000)),
                IngestOptions.named("pinned").withPinned(true).withTtl(Duration.ofMinutes(1))).file();
        clock.advance(Duration.ofDays(6));
        StoredFile shortLived = store.put(TestContent.stream(TestContent.random(12, 1000)),
                IngestOptions.named("ttl").withTtl(Duration.ofHours(1))).file();
        StoredFile young = store.put(TestContent.stream(TestContent.random(13, 1000)), IngestOptions.named("young")).file();
        clock.advance(Duration.ofDays(2));

        OptimizationReport report = store.optimize();

        assertThat(store.find(old.id())).isEmpty();
        assertThat(store.find(shortLived.id())).isEmpty();
        assertThat(store.find(pinned.id())).isPresent();
        assertThat(store.find(young.id())).isPresent();
        assertThat(report.filesRemoved()).isEqualTo(2);
        assertThat(report.spaceSavedBytes()).isEqualTo(2000);
        assertThat(report.filesProcessed()).isGreaterThanOrEqualTo(4);
        assertThat(report.details().expiredRemoved()).isEqualTo(1);
        assertThat(report.details().agedRemoved()).isEqualTo(1);
        assertThat(filesUnder("blobs")).isEqualTo(2);
    }

    @Test
    void optimisationEvictsLeastRecentlyAccessedUntilUnderTheSizeLimit() throws IOException {
        FileStore store = open(RetentionPolicy.none().withMaxTotalStoredBytes(25_000), CompressionPolicy.disabled());
        List<StoredFile> files = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            files.add(store.put(TestContent.stream(TestContent.random(20 + i, 10_000)), IngestOptions.named("f" + i)
                    .withPinned(i == 0)).file());
            clock.advance(Duration.ofSeconds(1));
        }
        readAll(store, files.get(1).id()); // file 1 is now the most recently used

        OptimizationReport report = store.optimize();

        assertThat(report.details().evictedForSize()).isEqualTo(3);
        assertThat(store.find(files.get(0).id())).as("pinned").isPresent();
        assertThat(store.find(files.get(1).id())).as("recently read").isPresent();
        assertThat(store.find(files.get(2).id())).isEmpty();
        assertThat(store.find(files.get(3).id())).isEmpty();
        assertThat(store.find(files.get(4).id())).isEmpty();
        assertThat(store.stats().storedBytes()).isEqualTo(20_000);
        assertThat(report.spaceSavedBytes()).isEqualTo(30_000);
    }

    @Test
    void optimisationCompressesWhatWasStoredRaw() throws IOException {
        FileStore raw = open(RetentionPolicy.none(), CompressionPolicy.disabled());
        byte[] logs = TestContent.jsonLogs(30, 400_000);
        StoredFile file = raw.put(TestContent.stream(logs), IngestOptions.named("raw.log")).file();
        assertThat(file.compressed()).isFalse();

        FileStore store = open();
        OptimizationReport report = store.optimize();

        StoredFile after = store.find(file.id()).orElseThrow();
        assertThat(after.compressed()).isTrue();
        assertThat(report.details().blobsCompressed()).isEqualTo(1);
        assertThat(report.spaceSavedBytes()).isEqualTo(400_000 - after.storedBytes());
        assertThat(readAll(store, file.id())).isEqualTo(logs);
        assertThat(filesUnder("blobs")).isEqualTo(1);
        assertThat(store.optimize().details().blobsCompressed()).isZero();
    }

    @Test
    void openingRecoversFromACrash() throws IOException {
        FileStore store = open();
        byte[] keep = TestContent.random(40, 5000);
        StoredFile kept = store.put(TestContent.stream(keep), IngestOptions.named("keep")).file();
        // What a crash leaves: a half-written temp file, a blob renamed into place whose metadata never committed,
        // and a duplicate of a blob in the form the metadata does not name.
        Files.write(root.resolve("tmp").resolve("ingest-123.tmp"), new byte[1234]);
        String orphanSha = "ab".repeat(32);
        Path orphan = root.resolve("blobs/ab/ab").resolve(orphanSha);
        Files.createDirectories(orphan.getParent());
        Files.write(orphan, new byte[777]);
        Path duplicate = root.resolve("blobs").resolve(kept.sha256().substring(0, 2))
                .resolve(kept.sha256().substring(2, 4)).resolve(kept.sha256() + ".zst");
        Files.write(duplicate, new byte[100]);

        FileStore reopened = open();

        RecoveryReport report = reopened.recoveryReport();
        assertThat(report.tempFilesRemoved()).isEqualTo(1);
        assertThat(report.orphanBlobsRemoved()).isEqualTo(2);
        assertThat(report.bytesFreed()).isEqualTo(877);
        assertThat(filesUnder("tmp")).isZero();
        assertThat(Files.exists(orphan)).isFalse();
        assertThat(Files.exists(duplicate)).isFalse();
        assertThat(readAll(reopened, kept.id())).isEqualTo(keep);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
