package io.keel.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * This node's id. Made once and kept in {@code <data-dir>/node-id}, so a restart on the same data is the
 * same node and recovers its own work (DESIGN.md, Cluster).
 */
public final class NodeIdentity {

    static final String FILE = "node-id";

    private NodeIdentity() {
    }

    /** The configured id if any, else the stored one, else a new one that is stored. */
    public static String resolve(String configured, Path dataDir) {
        if (configured != null) {
            return configured;
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.isRegularFile(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!stored.isEmpty()) {
                    return stored;
                }
            }
            Files.createDirectories(dataDir);
            byte[] random = new byte[6];
            new SecureRandom().nextBytes(random);
            String id = "node-" + HexFormat.of().formatHex(random);
            Path temp = Files.createTempFile(dataDir, FILE, ".tmp");
            Files.writeString(temp, id + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the node id in " + file, e);
        }
    }
}
