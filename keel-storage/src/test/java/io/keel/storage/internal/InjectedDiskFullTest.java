package io.keel.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.keel.storage.CompressionPolicy;
import io.keel.storage.FileRepository;
import io.keel.storage.FileStore;
import io.keel.storage.IngestOptions;
import io.keel.storage.RepositoryTotals;
import io.keel.storage.RetentionPolicy;
import io.keel.storage.StorageFullException;
import io.keel.storage.StoredFile;
import io.keel.storage.TestContent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The disk-full path without a real small file system (where tmpfs cannot be mounted): the write channel
 * fails as the kernel would, with "No space left on device", once the disk is "full".
 */
class InjectedDiskFullTest {

    @TempDir
    Path root;

    final AtomicBoolean full = new AtomicBoolean();

    OutputStream failingWhenFull(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (full.get()) {
                    throw new IOException("No space left on device");
                }
                out.write(b, off, len);
            }
        };
    }

    @Test
    void aFullDeviceMidIngestBecomesStorageFullWithNothingLeftBehind() throws IOException {
        FileRepository repository = FileRepository.inMemory();
        FileStore store = DefaultFileStore.open(new StoreConfig(root, repository, InstantSource.system(),
                System::nanoTime, new SimpleMeterRegistry(), RetentionPolicy.none(), CompressionPolicy.ofDefaults(),
                this::failingWhenFull));
        byte[] kept = TestContent.random(1, 100_000);
        StoredFile file = store.put(TestContent.stream(kept), IngestOptions.named("kept")).file();
        RepositoryTotals before = repository.totals();

        for (byte[] content : new byte[][] {TestContent.random(2, 3_000_000), TestContent.jsonLogs(3, 3_000_000)}) {
            IngestOptions options = IngestOptions.named("doomed").withProgress(bytes -> {
                if (bytes > 1_000_000) {
                    full.set(true);
                }
            });
            assertThatThrownBy(() -> store.put(TestContent.stream(content), options))
                    .isInstanceOf(StorageFullException.class).hasMessageContaining("nothing was stored");
            full.set(false);
        }

        assertThat(repository.totals()).isEqualTo(before);
        try (Stream<Path> temps = Files.list(root.resolve("tmp"))) {
            assertThat(temps).isEmpty();
        }
        try (var content = store.open(file.id())) {
            assertThat(content.stream().readAllBytes()).isEqualTo(kept);
        }
    }
}
