package io.keel.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConcurrentDedupTest {

    @TempDir
    Path root;

    String schema;

    FileRepository repository(String kind) throws Exception {
        if (kind.equals("memory")) {
            return FileRepository.inMemory();
        }
        if (kind.equals("postgres")) {
            io.keel.testkit.Services.POSTGRES.require();
            schema = "keel_storage_" + UUID.randomUUID().toString().replace("-", "");
            try (var c = postgres(null).getConnection(); var s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            org.postgresql.ds.PGSimpleDataSource dataSource = postgres(schema);
            io.keel.storage.internal.TestSchema.apply(dataSource);
            return FileRepository.jdbc(dataSource);
        }
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:dedup-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        io.keel.storage.internal.TestSchema.apply(dataSource);
        return FileRepository.jdbc(dataSource);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2", "postgres"})
    void eightSimultaneousUploadsOfTheSameContentMakeOneBlobWithEightReferences(String kind) throws Exception {
        FileRepository repository = repository(kind);
        FileStore store = FileStore.builder(root, repository).open();
        for (int round = 0; round < 3; round++) {
            byte[] content = round == 1 ? TestContent.jsonLogs(round, 2_000_000) : TestContent.random(round, 2_000_000);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<IngestResult>> uploads = new ArrayList<>();
            try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < 8; i++) {
                    int n = i;
                    uploads.add(threads.submit(() -> {
                        start.await();
                        return store.put(TestContent.stream(content), IngestOptions.named("copy-" + n));
                    }));
                }
                start.countDown();
            }
            List<StoredFile> files = new ArrayList<>();
            for (Future<IngestResult> upload : uploads) {
                files.add(upload.get().file());
            }
            String sha = files.get(0).sha256();
            assertThat(files).extracting(StoredFile::id).doesNotHaveDuplicates().hasSize(8);
            assertThat(files).extracting(StoredFile::sha256).containsOnly(sha);
            assertThat(uploads.stream().filter(f -> !f.resultNow().deduplicated()).count()).isEqualTo(1);
            assertThat(blobFiles()).isEqualTo(1);
            assertThat(repository.findBlob(sha)).get().extracting(BlobRecord::refCount).isEqualTo(8L);
            for (StoredFile file : files) {
                assertThat(FileStoreTest.readAll(store, file.id())).isEqualTo(content);
            }

            for (StoredFile file : files.subList(0, 7)) {
                assertThat(store.delete(file.id())).isTrue();
            }
            assertThat(FileStoreTest.readAll(store, files.get(7).id())).isEqualTo(content);
            assertThat(repository.findBlob(sha)).get().extracting(BlobRecord::refCount).isEqualTo(1L);
            store.delete(files.get(7).id());
            assertThat(blobFiles()).isZero();
            StoreInvariants.check(store, repository, Map.of());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2", "postgres"})
    void concurrentPutsAndDeletesOfOverlappingContentLoseNothingAndLeakNothing(String kind) throws Exception {
        FileRepository repository = repository(kind);
        FileStore store = FileStore.builder(root, repository).open();
        byte[][] pool = {TestContent.random(1, 50_000), TestContent.random(2, 70_000), TestContent.jsonLogs(3, 60_000),
                TestContent.jsonLogs(4, 5_000), new byte[0]};
        Map<String, byte[]> live = new ConcurrentHashMap<>();
        // Unpooled PostgreSQL connections cost a backend start per query: fewer operations keep the CPU bounded.
        int operations = kind.equals("postgres") ? 12 : 60;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> workers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                long seed = t;
                workers.add(threads.submit(() -> {
                    start.await();
                    SplittableRandom random = new SplittableRandom(seed);
                    List<String> mine = new ArrayList<>();
                    for (int op = 0; op < operations; op++) {
                        if (mine.isEmpty() || random.nextInt(3) > 0) {
                            byte[] content = pool[random.nextInt(pool.length)];
                            String id = store.put(TestContent.stream(content), IngestOptions.named("f")).file().id();
                            mine.add(id);
                            live.put(id, content);
                        } else {
                            String id = mine.remove(random.nextInt(mine.size()));
                            live.remove(id);
                            assertThat(store.delete(id)).isTrue();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
        }
        for (Future<Object> worker : workers) {
            worker.get();
        }
        StoreInvariants.check(store, repository, live);
        assertThat(store.optimize().filesRemoved()).isZero();
        StoreInvariants.check(store, repository, live);
    }

    static org.postgresql.ds.PGSimpleDataSource postgres(String currentSchema) {
        org.postgresql.ds.PGSimpleDataSource source = new org.postgresql.ds.PGSimpleDataSource();
        source.setServerNames(new String[] {io.keel.testkit.Services.POSTGRES.host()});
        source.setPortNumbers(new int[] {io.keel.testkit.Services.POSTGRES.port()});
        source.setDatabaseName("test");
        source.setUser("postgres");
        if (currentSchema != null) {
            source.setCurrentSchema(currentSchema);
        }
        return source;
    }

    @org.junit.jupiter.api.AfterEach
    void dropSchema() throws Exception {
        if (schema != null) {
            try (var c = postgres(null).getConnection(); var s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    long blobFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(root.resolve("blobs"))) {
            return walk.filter(Files::isRegularFile).count();
        }
    }
}
