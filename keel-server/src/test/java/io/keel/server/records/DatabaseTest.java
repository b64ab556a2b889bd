package io.keel.server.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class DatabaseTest {

    @Test
    void theEmbeddedUrlIsADurableFileUnderTheDataDirectory() {
        String url = Database.embeddedH2Url(Path.of("/var/keel"));
        assertThat(url).startsWith("jdbc:h2:file:/var/keel/db/keel;").contains(";WRITE_DELAY=0")
                .contains(";DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void anyH2UrlIsMadeDurableUnlessItSaysOtherwise() {
        assertThat(Database.durableUrl("jdbc:h2:file:/tmp/x")).isEqualTo("jdbc:h2:file:/tmp/x;WRITE_DELAY=0");
        assertThat(Database.durableUrl("jdbc:h2:file:/tmp/x;write_delay=100")).isEqualTo("jdbc:h2:file:/tmp/x;write_delay=100");
        assertThat(Database.durableUrl("jdbc:postgresql://db/keel")).isEqualTo("jdbc:postgresql://db/keel");
    }

    @Test
    void refusesOtherDatabasesAndEmptyPools() {
        assertThatThrownBy(() -> Database.open("jdbc:mysql://db/keel", "u", "p", 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'jdbc:mysql://db/keel'");
        assertThatThrownBy(() -> Database.open("jdbc:h2:mem:x", "sa", "", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    }
}
