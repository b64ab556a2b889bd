package io.keel.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The write path meets a real "No space left on device" from an 8 MB tmpfs (the tests run as root here). */
class DiskFullTest {

    @TempDir
    Path dir;

    Path mount;
    boolean mounted;

    @BeforeEach
    void mountSmallFileSystem() throws Exception {
        mount = dir.resolve("small");
        Files.createDirectories(mount);
        mounted = run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString()) == 0;
        if (!mounted && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI=true: could not mount a tmpfs at " + mount + " (needs root)");
        }
        Assumptions.assumeTrue(mounted, "mounting a tmpfs needs root");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted && run("umount", mount.toString()) != 0) {
            run("umount", "-l", mount.toString());
        }
    }

    static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    @Test
    void fullDiskRefusesTheIngestLeavesNothingHalfWrittenAndKeepsMetadata() throws IOException {
        FileRepository repository = FileRepository.inMemory();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        FileStore store = FileStore.builder(mount, repository).meterRegistry(meters).open();
        byte[] first = TestContent.random(1, 2_000_000);
        StoredFile kept = store.put(TestContent.stream(first), IngestOptions.named("kept")).file();
        RepositoryTotals before = repository.totals();

        assertThatThrownBy(() -> store.put(new TestContent.Generated(2, 16_000_000),
                IngestOptions.named("too-big-for-the-disk").withMaxBytes(1L << 30)))
                .isInstanceOf(StorageFullException.class)
                .hasMessageContaining("no space left")
                .hasMessageContaining("too-big-for-the-disk");

        assertThat(repository.totals()).isEqualTo(before);
        StoreInvariants.check(store, repository, Map.of(kept.id(), first));
        assertThat(meters.get("keel.storage.ingest").tag("outcome", "storage_full").timer().count()).isEqualTo(1);

        // The space the failed ingest took is free again: a file that fits still goes in.
        byte[] second = TestContent.random(3, 4_000_000);
        StoredFile fits = store.put(TestContent.stream(second), IngestOptions.named("fits")).file();
        StoreInvariants.check(store, repository, Map.of(kept.id(), first, fits.id(), second));
    }
}
