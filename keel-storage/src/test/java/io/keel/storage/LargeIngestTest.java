package io.keel.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 2 GB ingest and read-back in this module's 256 MB test heap: nothing is ever held whole in memory. */
class LargeIngestTest {

    static final long SIZE = 2L << 30;

    @TempDir
    Path root;

    @Test
    void twoGigabytesGoInAndComeBackExactlyUnder256MegabytesOfHeap() throws IOException {
        assertThat(Runtime.getRuntime().maxMemory()).as("-Xmx256m from the module's argLine")
                .isLessThanOrEqualTo(256L << 20);
        FileRepository repository = FileRepository.inMemory();
        FileStore store = FileStore.builder(root, repository).open();
        long[] lastProgress = {0};

        StoredFile file = store.put(new TestContent.Generated(42, SIZE), IngestOptions.named("two-gigabytes.bin")
                .withMaxBytes(3L << 30).withProgress(bytes -> lastProgress[0] = bytes)).file();

        assertThat(file.sizeBytes()).isEqualTo(SIZE);
        assertThat(file.compressed()).as("random bytes are stored as is").isFalse();
        assertThat(lastProgress[0]).isEqualTo(SIZE);
        try (FileContent content = store.open(file.id());
             InputStream expected = new TestContent.Generated(42, SIZE)) {
            assertThat(content.sizeBytes()).isEqualTo(SIZE);
            assertSameBytes(content.stream(), expected);
        }
        assertThat(store.delete(file.id())).isTrue();
    }

    static void assertSameBytes(InputStream actual, InputStream expected) throws IOException {
        byte[] a = new byte[1 << 20];
        byte[] e = new byte[1 << 20];
        long position = 0;
        while (true) {
            int n = actual.readNBytes(a, 0, a.length);
            int m = expected.readNBytes(e, 0, e.length);
            assertThat(n).as("chunk length at %d", position).isEqualTo(m);
            if (n == 0) {
                break;
            }
            if (!Arrays.equals(a, 0, n, e, 0, n)) {
                throw new AssertionError("content differs in the MiB at " + position);
            }
            position += n;
        }
        assertThat(actual.read()).isEqualTo(-1);
    }
}
