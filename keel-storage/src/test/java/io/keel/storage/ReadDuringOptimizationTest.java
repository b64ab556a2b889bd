package io.keel.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers keep reading while an optimisation run recompresses the very blobs they read: no read fails. */
class ReadDuringOptimizationTest {

    @TempDir
    Path root;

    @Test
    void recompressionSwapsBlobsUnderLiveReaders() throws Exception {
        FileRepository repository = FileRepository.inMemory();
        FileStore raw = FileStore.builder(root, repository).compression(CompressionPolicy.disabled()).open();
        Map<String, byte[]> files = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            byte[] logs = TestContent.jsonLogs(i, 100_000);
            files.put(raw.put(TestContent.stream(logs), IngestOptions.named("log-" + i)).file().id(), logs);
        }
        FileStore store = FileStore.builder(root, repository).open();
        List<String> ids = new ArrayList<>(files.keySet());
        AtomicBoolean done = new AtomicBoolean();
        List<Future<Integer>> readers = new ArrayList<>();
        OptimizationReport report;
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            for (int t = 0; t < 4; t++) {
                long seed = t;
                readers.add(threads.submit(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    int reads = 0;
                    while (!done.get() || reads < 20) {
                        String id = ids.get(random.nextInt(ids.size()));
                        assertThat(FileStoreTest.readAll(store, id)).isEqualTo(files.get(id));
                        reads++;
                    }
                    return reads;
                }));
            }
            report = store.optimize();
            done.set(true);
        }
        for (Future<Integer> reader : readers) {
            assertThat(reader.get()).isGreaterThanOrEqualTo(20);
        }
        assertThat(report.details().blobsCompressed()).isEqualTo(30);
        StoreInvariants.check(store, repository, files);
    }
}
