package io.keel.storage.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where things live under the store's root: {@code blobs/ab/cd/<sha256>[.zst]} (sharded by hash prefix so no
 * directory grows huge), {@code tmp/} for ingests in progress (same file system, so the final rename is atomic)
 * and {@code quarantine/} for blobs the scrub found corrupted.
 */
final class BlobLayout {

    static final String COMPRESSED_SUFFIX = ".zst";
    private static final Pattern BLOB_NAME = Pattern.compile("([0-9a-f]{64})(\\.zst)?");

    private final Path root;
    private final Path blobs;
    private final Path tmp;
    private final Path quarantine;

    private BlobLayout(Path root) {
        this.root = root;
        this.blobs = root.resolve("blobs");
        this.tmp = root.resolve("tmp");
        this.quarantine = root.resolve("quarantine");
    }

    static BlobLayout create(Path root) throws IOException {
        BlobLayout layout = new BlobLayout(root);
        Files.createDirectories(layout.blobs);
        Files.createDirectories(layout.tmp);
        Files.createDirectories(layout.quarantine);
        return layout;
    }

    Path root() {
        return root;
    }

    Path blobs() {
        return blobs;
    }

    Path tmp() {
        return tmp;
    }

    Path quarantine() {
        return quarantine;
    }

    Path blobPath(String sha256, boolean compressed) {
        return blobs.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4))
                .resolve(compressed ? sha256 + COMPRESSED_SUFFIX : sha256);
    }

    Path newTempFile(String prefix) throws IOException {
        return Files.createTempFile(tmp, prefix, ".tmp");
    }

    /** A file under {@code blobs/}, recognised by its name. */
    record BlobFile(Path path, String sha256, boolean compressed) {
    }

    static Optional<BlobFile> parse(Path path) {
        var m = BLOB_NAME.matcher(path.getFileName().toString());
        return m.matches() ? Optional.of(new BlobFile(path, m.group(1), m.group(2) != null)) : Optional.empty();
    }

    /** Makes a rename or unlink in {@code dir} durable (POSIX: the directory entry is data of the directory). */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
