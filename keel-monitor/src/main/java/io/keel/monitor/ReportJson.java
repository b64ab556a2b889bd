package io.keel.monitor;

import io.keel.monitor.internal.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** JSON export of the performance report (F5): ISO-8601 times, NaN as "NaN". */
public final class ReportJson {

    private ReportJson() {
    }

    /** Writes to the stream and leaves it open (an HTTP response body, say). */
    public static void write(PerformanceReport report, OutputStream out) throws IOException {
        Json.MAPPER.writerWithDefaultPrettyPrinter()
                .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValue(out, report);
    }

    /** Writes to a file atomically (temp file, then rename), so a reader never sees half a report. */
    public static void write(PerformanceReport report, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                write(report, out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static String toJson(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
