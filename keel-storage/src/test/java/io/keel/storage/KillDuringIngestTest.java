package io.keel.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 in the middle of a large upload: after restart no partial file is visible and the temp file is gone. */
class KillDuringIngestTest {

    @TempDir
    Path dir;

    @Test
    void aKilledIngestLeavesNoTraceAfterRestart() throws Exception {
        Path root = dir.resolve("store");
        String url = "jdbc:h2:file:" + dir.resolve("meta") + ";DB_CLOSE_ON_EXIT=FALSE";
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                IngestChild.class.getName(), root.toString(), url)
                .redirectError(dir.resolve("child.err").toFile()).start();
        String survivorId = null;
        long progressed = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("STORED ")) {
                    survivorId = line.substring(7);
                } else if (line.startsWith("PROGRESS ")) {
                    progressed = Long.parseLong(line.substring(9));
                    if (progressed >= 8L << 20) {
                        break;
                    }
                }
            }
            assertThat(progressed).as("child progress (stderr in %s)", dir.resolve("child.err"))
                    .isGreaterThanOrEqualTo(8L << 20);
            try (Stream<Path> temps = Files.list(root.resolve("tmp"))) {
                assertThat(temps.toList()).as("the partial upload is on disk when the kill comes").hasSize(1);
            }
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }

        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        FileRepository repository = FileRepository.jdbc(dataSource);
        FileStore store = FileStore.builder(root, repository).open();

        assertThat(store.recoveryReport().tempFilesRemoved()).isEqualTo(1);
        List<FileRecord> files = repository.files(null, 10);
        assertThat(files).extracting(FileRecord::name).containsExactly("survivor");
        assertThat(files.get(0).id()).isEqualTo(survivorId);
        StoreInvariants.check(store, repository, Map.of(survivorId, TestContent.random(1, 100_000)));
    }
}
