package io.keel.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of put, delete and optimise, with many duplicates: no live file is ever lost (each reads
 * back its exact bytes) and no blob leaks (reference counts equal live references, blob files equal blob rows).
 */
class StorePropertiesTest {

    /** Few distinct contents, so duplicates are the rule: random, compressible, tiny, empty. */
    static final byte[][] POOL = {TestContent.random(1, 20_000), TestContent.random(2, 3_000),
            TestContent.jsonLogs(3, 30_000), TestContent.jsonLogs(4, 600), "x".getBytes(), new byte[0]};

    sealed interface Action permits Put, Delete, Optimize {
    }

    record Put(int content) implements Action {
    }

    /** Deletes the live file at this position (modulo the number of live files). */
    record Delete(int index) implements Action {
    }

    record Optimize() implements Action {
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Action> put = Arbitraries.integers().between(0, POOL.length - 1).map(Put::new);
        Arbitrary<Action> delete = Arbitraries.integers().between(0, 1000).map(Delete::new);
        Arbitrary<Action> optimize = Arbitraries.just(new Optimize());
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, put), net.jqwik.api.Tuple.of(4, delete), net.jqwik.api.Tuple.of(1, optimize))
                .list().ofMaxSize(30);
    }

    @Property(tries = 40)
    void noLostFilesAndNoLeakedBlobs(@ForAll("actions") List<Action> actions) throws IOException {
        Path root = Files.createTempDirectory("keel-storage-property");
        try {
            FileRepository repository = FileRepository.inMemory();
            FileStore store = FileStore.builder(root, repository).open();
            Map<String, byte[]> live = new HashMap<>();
            List<String> order = new ArrayList<>();
            for (Action action : actions) {
                switch (action) {
                    case Put put -> {
                        String id = store.put(TestContent.stream(POOL[put.content()]), IngestOptions.named("f"))
                                .file().id();
                        live.put(id, POOL[put.content()]);
                        order.add(id);
                    }
                    case Delete delete -> {
                        if (!order.isEmpty()) {
                            String id = order.remove(delete.index() % order.size());
                            live.remove(id);
                            if (!store.delete(id)) {
                                throw new AssertionError("live file " + id + " could not be deleted");
                            }
                        }
                    }
                    case Optimize optimize -> store.optimize();
                }
            }
            StoreInvariants.check(store, repository, live);
            // Reopening (crash recovery) changes nothing in a consistent store.
            StoreInvariants.check(FileStore.builder(root, repository).open(), repository, live);
        } finally {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
