package io.keel.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import io.keel.server.config.ConfigLoader;
import io.keel.server.config.KeelConfig;
import io.keel.server.config.Setting;
import org.junit.jupiter.api.Test;

/** The file store's settings: F1's defaults, the files dir under the data dir, bad values named. */
class StorageSettingsTest {

    @Test
    void defaultsFollowF1AndTheDataDir() {
        KeelConfig config = ConfigLoader.load(null, Map.of(), Map.of(Setting.DATA_DIR, "/srv/keel"));
        assertThat(config.filesMaxBytes()).isEqualTo(100 * KeelConfig.MB);
        assertThat(config.storageMaxBytes()).isZero();
        assertThat(config.storageMaxAgeMs()).isZero();
        assertThat(config.resolvedFilesDir()).isEqualTo(Path.of("/srv/keel", "files"));
    }

    @Test
    void environmentVariablesSetThem() {
        KeelConfig config = ConfigLoader.load(null, Map.of(
                "KEEL_FILES_DIR", "/mnt/files",
                "KEEL_FILES_MAX_BYTES", "2_000_000_000",
                "KEEL_STORAGE_MAX_BYTES", "5000000000",
                "KEEL_STORAGE_MAX_AGE_MS", "86400000"), Map.of());
        assertThat(config.resolvedFilesDir()).isEqualTo(Path.of("/mnt/files"));
        assertThat(config.filesMaxBytes()).isEqualTo(2_000_000_000L);
        assertThat(config.storageMaxBytes()).isEqualTo(5_000_000_000L);
        assertThat(config.storageMaxAgeMs()).isEqualTo(86_400_000L);
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("KEEL_FILES_MAX_BYTES", "0"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KEEL_FILES_MAX_BYTES").hasMessageContaining("'0'");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("KEEL_STORAGE_MAX_BYTES", "-1"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KEEL_STORAGE_MAX_BYTES");
    }
}
