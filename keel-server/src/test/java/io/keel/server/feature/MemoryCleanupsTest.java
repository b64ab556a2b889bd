package io.keel.server.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class MemoryCleanupsTest {

    @Test
    void aListenerSeesCleanupsRegisteredBeforeAndAfterItExactlyOnce() {
        var cleanups = new MemoryCleanups();
        cleanups.register("early", () -> new MemoryCleanups.Freed(1, 1));
        List<String> seen = new ArrayList<>();
        cleanups.forEach((name, cleanup) -> seen.add(name));
        cleanups.register("late", () -> new MemoryCleanups.Freed(2, 2));

        assertThat(seen).containsExactly("early", "late");
    }

    @Test
    void aNameIsRegisteredOnce() {
        var cleanups = new MemoryCleanups();
        cleanups.register("cache", () -> new MemoryCleanups.Freed(0, 0));
        assertThatThrownBy(() -> cleanups.register("cache", () -> new MemoryCleanups.Freed(0, 0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'cache'");
    }

    @Test
    void freedAmountsAreNeverNegative() {
        assertThat(new MemoryCleanups.Freed(-5, -1)).isEqualTo(new MemoryCleanups.Freed(0, 0));
    }
}
