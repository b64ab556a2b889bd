package io.keel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTest {

    @TempDir
    Path dataDir;

    @Test
    void aNodeIdIsMadeOnceAndKeptInTheDataDirectory() {
        String first = NodeIdentity.resolve(null, dataDir);
        String second = NodeIdentity.resolve(null, dataDir);

        assertThat(first).startsWith("node-").isEqualTo(second);
        assertThat(dataDir.resolve("node-id")).exists();
    }

    @Test
    void aConfiguredNodeIdWins() {
        NodeIdentity.resolve(null, dataDir);
        assertThat(NodeIdentity.resolve("node-a", dataDir)).isEqualTo("node-a");
    }
}
