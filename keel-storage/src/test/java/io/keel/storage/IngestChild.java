package io.keel.storage;

import java.nio.file.Path;

import org.h2.jdbcx.JdbcDataSource;

/**
 * Run in a separate JVM by {@link KillDuringIngestTest}: stores a small file, then ingests a long stream
 * slowly, printing progress, until the test kills it.
 */
public final class IngestChild {

    private IngestChild() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(args[1]);
        io.keel.storage.internal.TestSchema.apply(dataSource);
        FileStore store = FileStore.builder(root, FileRepository.jdbc(dataSource)).open();
        StoredFile survivor = store.put(TestContent.stream(TestContent.random(1, 100_000)),
                IngestOptions.named("survivor")).file();
        System.out.println("STORED " + survivor.id());
        System.out.flush();
        long[] reported = {0};
        store.put(new TestContent.Generated(2, 1L << 30, 1 << 20, 20), IngestOptions.named("victim")
                .withMaxBytes(1L << 31).withProgress(bytes -> {
                    if (bytes - reported[0] >= 1 << 20) {
                        reported[0] = bytes;
                        System.out.println("PROGRESS " + bytes);
                        System.out.flush();
                    }
                }));
        System.out.println("FINISHED");
    }
}
