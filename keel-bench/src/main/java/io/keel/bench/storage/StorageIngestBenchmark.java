package io.keel.bench.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;

import io.keel.storage.CompressionPolicy;
import io.keel.storage.FileRepository;
import io.keel.storage.FileStore;
import io.keel.storage.IngestOptions;
import io.keel.storage.StoredFile;

/**
 * Keel's ingest (SHA-256 while writing, compression probe, fsync, atomic rename, dedup bookkeeping) against a
 * bare {@code Files.copy} with SHA-256 over the same bytes, in the same run. Each operation ingests 128 MiB of
 * fresh content (salted), then deletes it, so the disk does not fill and nothing is a dedup hit.
 *
 * <p>Two baselines: exactly what the issue names (copy + hash, no fsync), and the same plus an fsync, which is
 * what durability costs any store.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class StorageIngestBenchmark {

    static final int BLOCK = 64 << 20;
    static final int REPEATS = 2; // 128 MiB per operation

    private byte[] random;
    private byte[] logs;
    private Path dir;
    private FileStore store;
    private FileStore storeLevel3;
    private long salt;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        random = BenchContent.random(BLOCK);
        logs = BenchContent.jsonLogs(BLOCK);
        dir = Files.createTempDirectory("keel-bench-storage");
        store = FileStore.builder(dir.resolve("store"), FileRepository.inMemory()).open();
        storeLevel3 = FileStore.builder(dir.resolve("store-level3"), FileRepository.inMemory())
                .compression(CompressionPolicy.ofDefaults().withLevel(3)).open();
        StoredFile sample = store.put(new SaltedStream(logs, REPEATS, -1), IngestOptions.named("sample.log")
                .withMaxBytes(1L << 40)).file();
        System.out.printf("%nJSON logs: %d bytes stored as %d (ratio %.2fx, compressed=%s)%n", sample.sizeBytes(),
                sample.storedBytes(), (double) sample.sizeBytes() / sample.storedBytes(), sample.compressed());
        store.delete(sample.id());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Benchmark
    public void keelIngestIncompressible(Blackhole bh) throws IOException {
        keel(random, bh);
    }

    @Benchmark
    public void keelIngestJsonLogs(Blackhole bh) throws IOException {
        keel(logs, bh);
    }

    @Benchmark
    public void keelIngestJsonLogsLevel3(Blackhole bh) throws IOException {
        keel(storeLevel3, logs, bh);
    }

    /** The bare library doing the work of Keel's compressed path minus fsync and bookkeeping: hash + zstd 1. */
    @Benchmark
    public void bareZstdSha256JsonLogs(Blackhole bh) throws IOException {
        bareZstd(1, bh);
    }

    @Benchmark
    public void bareZstdSha256JsonLogsLevel3(Blackhole bh) throws IOException {
        bareZstd(3, bh);
    }

    private void bareZstd(int level, Blackhole bh) throws IOException {
        Path target = dir.resolve("bare.zst");
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(new SaltedStream(logs, REPEATS, ++salt), digest);
             OutputStream out = new ZstdOutputStreamNoFinalizer(Files.newOutputStream(target), level)) {
            in.transferTo(out);
        }
        bh.consume(digest.digest());
        Files.delete(target);
    }

    @Benchmark
    public void bareCopySha256Incompressible(Blackhole bh) throws IOException {
        bare(random, false, bh);
    }

    @Benchmark
    public void bareCopySha256FsyncIncompressible(Blackhole bh) throws IOException {
        bare(random, true, bh);
    }

    @Benchmark
    public void bareCopySha256JsonLogs(Blackhole bh) throws IOException {
        bare(logs, false, bh);
    }

    private void keel(byte[] block, Blackhole bh) throws IOException {
        keel(store, block, bh);
    }

    private void keel(FileStore target, byte[] block, Blackhole bh) throws IOException {
        StoredFile file = target.put(new SaltedStream(block, REPEATS, ++salt), IngestOptions.named("bench")
                .withMaxBytes(1L << 40)).file();
        bh.consume(file.sha256());
        target.delete(file.id());
    }

    private void bare(byte[] block, boolean fsync, Blackhole bh) throws IOException {
        Path target = dir.resolve("bare.bin");
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(new SaltedStream(block, REPEATS, ++salt), digest)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        if (fsync) {
            try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }
        bh.consume(digest.digest());
        Files.delete(target);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
