package io.keel.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FileNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", "..\\boot.ini", "/etc/passwd", "C:\\Windows\\x", "a/b", "..", ".",
            "", "   ", "nul\u0000byte", "line\nbreak", "tab\tname", "bell\u0007", "del\u007f",
            "evil\u202Etxt.exe", "para\u2029graph", " leading", "trailing ", "zero\u200Bwidth"})
    void refusesPathsTraversalAndControlCharacters(String name) {
        assertThatThrownBy(() -> FileNames.validate(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("file name");
    }

    @Test
    void refusesMissingAndOverlongNames() {
        assertThatThrownBy(() -> FileNames.validate(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FileNames.validate("x".repeat(256))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("255");
    }

    @ParameterizedTest
    @ValueSource(strings = {"report.json", "Übersicht 2026.pdf", "...hidden", "a..b", "data (1).tar.gz",
            "日本語.txt", "emoji-\uD83D\uDE00.png"})
    void acceptsOrdinaryNames(String name) {
        assertThat(FileNames.validate(name)).isEqualTo(name);
    }

    @Test
    void normalisesToNfc() {
        assertThat(FileNames.validate("U\u0308bersicht")).isEqualTo("\u00dcbersicht");
    }

    @Test
    void neutraliseKeepsTheLastSegmentAndReplacesControls() {
        assertThat(FileNames.neutralise("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.neutralise("C:\\Users\\me\\report.pdf")).isEqualTo("report.pdf");
        assertThat(FileNames.neutralise("a\u0000b\nc")).isEqualTo("a_b_c");
        assertThat(FileNames.neutralise("evil\u202Etxt.exe")).isEqualTo("evil_txt.exe");
        assertThat(FileNames.neutralise("..")).isEqualTo("file");
        assertThat(FileNames.neutralise("dir/")).isEqualTo("file");
        assertThat(FileNames.neutralise(null)).isEqualTo("file");
        assertThat(FileNames.neutralise("  spaced  ")).isEqualTo("spaced");
        assertThat(FileNames.neutralise("y".repeat(300))).hasSize(255);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../x", "/abs", "\u0000", "a\u0001b", "..", "  ", "evil\u202E", "x/.."})
    void neutralisedNamesAlwaysValidate(String raw) {
        String safe = FileNames.neutralise(raw);
        assertThat(FileNames.validate(safe)).isEqualTo(safe);
    }

    @Test
    void ingestOptionsRefuseBadNames() {
        assertThatThrownBy(() -> IngestOptions.named("../secret")).isInstanceOf(IllegalArgumentException.class);
    }
}
