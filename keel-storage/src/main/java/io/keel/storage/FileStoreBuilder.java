package io.keel.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

import io.keel.storage.internal.DefaultFileStore;
import io.keel.storage.internal.StoreConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Configures and opens a {@link FileStore}; {@link #open()} runs crash recovery before returning. */
public final class FileStoreBuilder {

    private final Path root;
    private final FileRepository repository;
    private InstantSource clock = InstantSource.system();
    private LongSupplier nanoTime = System::nanoTime;
    private MeterRegistry meterRegistry;
    private RetentionPolicy retention = RetentionPolicy.none();
    private CompressionPolicy compression = CompressionPolicy.ofDefaults();

    FileStoreBuilder(Path root, FileRepository repository) {
        this.root = Objects.requireNonNull(root, "root");
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    /** Wall time for created/accessed/expiry times. */
    public FileStoreBuilder clock(InstantSource wallClock) {
        this.clock = Objects.requireNonNull(wallClock, "clock");
        return this;
    }

    /** Monotonic time for durations in reports and metrics. */
    public FileStoreBuilder nanoTime(LongSupplier monotonic) {
        this.nanoTime = Objects.requireNonNull(monotonic, "nanoTime");
        return this;
    }

    /** Where {@code keel.storage.*} meters go; a private registry when not set. */
    public FileStoreBuilder meterRegistry(MeterRegistry registry) {
        this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
        return this;
    }

    public FileStoreBuilder retention(RetentionPolicy policy) {
        this.retention = Objects.requireNonNull(policy, "retention");
        return this;
    }

    public FileStoreBuilder compression(CompressionPolicy policy) {
        this.compression = Objects.requireNonNull(policy, "compression");
        return this;
    }

    /**
     * Creates the directory layout if needed, removes temporary files of interrupted ingests, repairs reference
     * counts and collects unreferenced blobs, then returns the store.
     */
    public FileStore open() throws IOException {
        MeterRegistry registry = meterRegistry != null ? meterRegistry : new SimpleMeterRegistry();
        return DefaultFileStore.open(new StoreConfig(root.toAbsolutePath().normalize(), repository, clock, nanoTime,
                registry, retention, compression, UnaryOperator.identity()));
    }
}
