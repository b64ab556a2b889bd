package io.keel.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import io.helidon.webserver.http.HttpRouting;
import io.keel.governor.AgentSpec;
import io.keel.server.config.KeelConfig;
import io.keel.server.feature.FeatureContext;
import io.keel.server.feature.ServerFeature;
import io.keel.storage.FileRepository;
import io.keel.storage.FileStore;
import io.keel.storage.OptimizationReport;
import io.keel.storage.RetentionPolicy;
import io.keel.storage.ScrubReport;

/**
 * The file store in the server (issue 5, F7–F9): {@code /api/v1/files} and {@code /api/v1/storage/*}, every
 * upload and download governed as an operation of the IO agent {@value #AGENT}, metadata in the server's
 * database (in memory when the server has none), optimisation and scrub on the maintenance scheduler.
 */
public final class StorageFeature implements ServerFeature {

    /** The agent every transfer is admitted and recorded under. */
    public static final String AGENT = "files";

    static final Duration OPTIMIZE_INTERVAL = Duration.ofHours(1);
    static final Duration SCRUB_INTERVAL = Duration.ofDays(1);

    private FileStore store;
    private FileTransfers transfers;

    @Override
    public String name() {
        return "storage";
    }

    @Override
    public void start(FeatureContext context) {
        KeelConfig config = context.config();
        FileRepository repository = context.persistence().dataSource()
                .map(FileRepository::jdbc)
                .orElseGet(FileRepository::inMemory);
        RetentionPolicy retention = RetentionPolicy.none().withMaxTotalStoredBytes(config.storageMaxBytes());
        if (config.storageMaxAgeMs() > 0) {
            retention = retention.withMaxAge(Duration.ofMillis(config.storageMaxAgeMs()));
        }
        try {
            store = FileStore.builder(config.resolvedFilesDir(), repository)
                    .clock(context.clock())
                    .meterRegistry(context.registry())
                    .retention(retention)
                    .open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the file store in " + config.resolvedFilesDir(), e);
        }
        context.governor().registerAgent(AgentSpec.io(AGENT));
        transfers = new FileTransfers(store, context.governor(), config.filesMaxBytes());
        context.scheduler().register("storage-optimize", OPTIMIZE_INTERVAL, this::scheduledOptimize);
        context.scheduler().register("storage-scrub", SCRUB_INTERVAL, this::scheduledScrub);
    }

    private String scheduledOptimize() throws IOException {
        OptimizationReport r = store.optimize();
        return "processed " + r.filesProcessed() + ", removed " + r.filesRemoved() + ", saved "
                + r.spaceSavedBytes() + " bytes";
    }

    private String scheduledScrub() throws IOException {
        ScrubReport r = store.scrub();
        return "checked " + r.blobsChecked() + " blobs, " + r.corrupted().size() + " corrupted"
                + (r.clean() ? "" : " (quarantined: " + r.corrupted() + ")");
    }

    @Override
    public void routes(HttpRouting.Builder routing) {
        if (transfers == null) {
            throw new IllegalStateException("storage feature not started");
        }
        new StorageRoutes(store, transfers).register(routing);
    }

    /** The open store, for tests and other features (null before {@link #start}). */
    public FileStore store() {
        return store;
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
