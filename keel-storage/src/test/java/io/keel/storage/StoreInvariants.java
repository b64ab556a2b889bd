package io.keel.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Checks after a test: no lost files, no leaked blobs, counts that agree with the files. */
final class StoreInvariants {

    private StoreInvariants() {
    }

    /** @param expected every live file id and the exact bytes it must read back */
    static void check(FileStore store, FileRepository repository, Map<String, byte[]> expected) throws IOException {
        for (Map.Entry<String, byte[]> live : expected.entrySet()) {
            try (FileContent content = store.open(live.getKey())) {
                assertThat(content.stream().readAllBytes()).as("file %s", live.getKey()).isEqualTo(live.getValue());
            }
        }
        List<FileRecord> files = repository.files(null, Integer.MAX_VALUE);
        assertThat(files).extracting(FileRecord::id).containsExactlyInAnyOrderElementsOf(expected.keySet());

        Map<String, Long> references = new HashMap<>();
        files.forEach(f -> references.merge(f.sha256(), 1L, Long::sum));
        List<BlobRecord> blobs = repository.blobs(null, Integer.MAX_VALUE);
        Map<String, Long> counts = blobs.stream().collect(Collectors.toMap(BlobRecord::sha256, BlobRecord::refCount));
        assertThat(counts).as("blob reference counts == live references").isEqualTo(references);

        Set<String> onDisk;
        try (Stream<Path> walk = Files.walk(store.root().resolve("blobs"))) {
            onDisk = walk.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> recorded = blobs.stream().map(b -> b.compressed() ? b.sha256() + ".zst" : b.sha256())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(onDisk).as("blob files == recorded blobs").isEqualTo(recorded);
        try (Stream<Path> temps = Files.list(store.root().resolve("tmp"))) {
            assertThat(temps).as("temp files").isEmpty();
        }
        StorageStats stats = store.stats();
        assertThat(stats.files()).isEqualTo(expected.size());
        assertThat(stats.logicalBytes()).isEqualTo(expected.values().stream().mapToLong(b -> b.length).sum());
    }
}
