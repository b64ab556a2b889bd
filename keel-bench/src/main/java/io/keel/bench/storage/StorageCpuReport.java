package io.keel.bench.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.stream.Stream;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;

import io.keel.storage.CompressionPolicy;
import io.keel.storage.FileRepository;
import io.keel.storage.FileStore;
import io.keel.storage.IngestOptions;
import io.keel.storage.StoredFile;

/**
 * Throughput per CPU-second of the ingesting thread, which a loaded machine distorts far less than wall time:
 * Keel's ingest of JSON logs at zstd levels 1 and 3 against bare zstd-jni + SHA-256 at the same level, and the
 * compression ratio. Not JMH: a plain main, run after the JMH suite (see docs/benchmarks/storage.md).
 */
public final class StorageCpuReport {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private StorageCpuReport() {
    }

    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        byte[] logs = BenchContent.jsonLogs(64 << 20);
        byte[] random = BenchContent.random(64 << 20);
        Path dir = Files.createTempDirectory("keel-bench-storage-cpu");
        try {
            for (int round = 0; round < 2; round++) { // the first round warms up the JIT
                boolean print = round == 1;
                for (int level : new int[] {1, 3}) {
                    FileStore store = FileStore.builder(dir.resolve("l" + level), FileRepository.inMemory())
                            .compression(CompressionPolicy.ofDefaults().withLevel(level)).open();
                    report(print, "keel ingest JSON logs, zstd " + level, repeats, logs, () -> {
                        StoredFile f = store.put(new SaltedStream(logs, repeats, System.nanoTime()),
                                IngestOptions.named("l").withMaxBytes(1L << 40)).file();
                        store.delete(f.id());
                        return f.storedBytes();
                    });
                    report(print, "bare zstd-jni + SHA-256 JSON logs, zstd " + level, repeats, logs, () -> {
                        Path target = dir.resolve("bare.zst");
                        try (InputStream in = new DigestInputStream(new SaltedStream(logs, repeats, 1), sha256());
                             OutputStream out = new ZstdOutputStreamNoFinalizer(Files.newOutputStream(target), level)) {
                            in.transferTo(out);
                        }
                        long size = Files.size(target);
                        Files.delete(target);
                        return size;
                    });
                }
                FileStore store = FileStore.builder(dir.resolve("raw"), FileRepository.inMemory()).open();
                report(print, "keel ingest incompressible (fsync incl.)", repeats, random, () -> {
                    StoredFile f = store.put(new SaltedStream(random, repeats, System.nanoTime()),
                            IngestOptions.named("r").withMaxBytes(1L << 40)).file();
                    store.delete(f.id());
                    return f.storedBytes();
                });
                for (boolean fsync : new boolean[] {false, true}) {
                    report(print, "bare Files.copy + SHA-256 incompressible" + (fsync ? " + fsync" : ""), repeats,
                            random, () -> {
                        Path target = dir.resolve("bare.bin");
                        try (InputStream in = new DigestInputStream(new SaltedStream(random, repeats, 1), sha256())) {
                            Files.copy(in, target);
                        }
                        if (fsync) {
                            try (var channel = java.nio.channels.FileChannel.open(target,
                                    java.nio.file.StandardOpenOption.WRITE)) {
                                channel.force(true);
                            }
                        }
                        long size = Files.size(target);
                        Files.delete(target);
                        return size;
                    });
                }
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private interface Run {
        long stored() throws IOException;
    }

    private static void report(boolean print, String name, int repeats, byte[] block, Run run) throws IOException {
        long bytes = (long) block.length * repeats;
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        long stored = run.stored();
        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
        wall = System.nanoTime() - wall;
        if (print) {
            System.out.printf("%-50s %6.0f MB/s per CPU-second  %6.0f MB/s wall  ratio %.2fx%n", name,
                    bytes / 1e6 / (cpu / 1e9), bytes / 1e6 / (wall / 1e9), (double) bytes / stored);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
