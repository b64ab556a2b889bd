package io.keel.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class IntegrityTest {

    @TempDir
    Path root;

    final FileRepository repository = FileRepository.inMemory();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    Path blobPath(StoredFile file) {
        String sha = file.sha256();
        return root.resolve("blobs").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4))
                .resolve(file.compressed() ? sha + ".zst" : sha);
    }

    void flipByte(Path path, long position) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.seek(position);
            int b = file.read();
            file.seek(position);
            file.write(b ^ 0x5a);
        }
    }

    /** Reads in small chunks; returns how many bytes came before the failure, or fails if the stream ended. */
    static long bytesBeforeFailure(FileStore store, String id) throws IOException {
        long delivered = 0;
        try (FileContent content = store.open(id)) {
            InputStream in = content.stream();
            byte[] chunk = new byte[4096];
            while (true) {
                int n;
                try {
                    n = in.read(chunk);
                } catch (IntegrityException e) {
                    return delivered;
                }
                if (n < 0) {
                    throw new AssertionError("a corrupted blob ended cleanly after " + delivered + " bytes");
                }
                delivered += n;
            }
        }
    }

    @Test
    void corruptedBlobsFailReadsLoudlyAndTheScrubQuarantinesThem() throws IOException {
        FileStore store = FileStore.builder(root, repository).meterRegistry(meters).open();
        byte[] random = TestContent.random(1, 100_000);
        byte[] logs = TestContent.jsonLogs(2, 300_000);
        byte[] intact = TestContent.random(3, 50_000);
        StoredFile raw = store.put(TestContent.stream(random), IngestOptions.named("raw")).file();
        StoredFile compressed = store.put(TestContent.stream(logs), IngestOptions.named("logs")).file();
        StoredFile truncated = store.put(TestContent.stream(TestContent.random(4, 20_000)), IngestOptions.named("t")).file();
        StoredFile fine = store.put(TestContent.stream(intact), IngestOptions.named("fine")).file();
        assertThat(compressed.compressed()).isTrue();

        flipByte(blobPath(raw), 99_999);  // the very last byte: caught only by the hash at the end
        flipByte(blobPath(compressed), compressed.storedBytes() / 2);
        try (RandomAccessFile f = new RandomAccessFile(blobPath(truncated).toFile(), "rw")) {
            f.setLength(10_000);
        }

        assertThat(bytesBeforeFailure(store, raw.id())).isLessThan(random.length);
        assertThat(bytesBeforeFailure(store, compressed.id())).isLessThan(logs.length);
        assertThat(bytesBeforeFailure(store, truncated.id())).isLessThan(20_000);
        assertThat(FileStoreTest.readAll(store, fine.id())).isEqualTo(intact);
        assertThat(meters.get("keel.storage.integrity.failures").counter().count()).isEqualTo(3);

        ScrubReport report = store.scrub();

        assertThat(report.corrupted()).containsExactlyInAnyOrder(raw.sha256(), compressed.sha256(), truncated.sha256());
        assertThat(report.blobsChecked()).isEqualTo(4);
        assertThat(report.clean()).isFalse();
        try (Stream<Path> quarantined = Files.list(root.resolve("quarantine"))) {
            assertThat(quarantined).hasSize(3);
        }
        assertThatThrownBy(() -> store.open(raw.id())).isInstanceOf(IntegrityException.class)
                .hasMessageContaining(raw.sha256()).hasMessageContaining("quarantined");
        assertThat(FileStoreTest.readAll(store, fine.id())).isEqualTo(intact);
        assertThat(store.scrub().corrupted()).as("still missing").hasSize(3);
    }

    @Test
    void uploadingTheContentAgainHealsAQuarantinedBlob() throws IOException {
        FileStore store = FileStore.builder(root, repository).open();
        byte[] bytes = TestContent.random(5, 70_000);
        StoredFile file = store.put(TestContent.stream(bytes), IngestOptions.named("a")).file();
        flipByte(blobPath(file), 10);
        assertThat(store.scrub().corrupted()).containsExactly(file.sha256());

        IngestResult again = store.put(TestContent.stream(bytes), IngestOptions.named("b"));

        assertThat(FileStoreTest.readAll(store, file.id())).isEqualTo(bytes);
        assertThat(FileStoreTest.readAll(store, again.file().id())).isEqualTo(bytes);
        assertThat(store.scrub().clean()).isTrue();
        StoreInvariants.check(store, repository, java.util.Map.of(file.id(), bytes, again.file().id(), bytes));
    }

    @Test
    void extraBytesAppendedToABlobAreRefused() throws IOException {
        FileStore store = FileStore.builder(root, repository).open();
        StoredFile file = store.put(TestContent.stream(TestContent.random(6, 10_000)), IngestOptions.named("x")).file();
        Files.write(blobPath(file), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);

        assertThat(bytesBeforeFailure(store, file.id())).isLessThan(10_000);
        assertThat(store.scrub().corrupted()).containsExactly(file.sha256());
    }
}
