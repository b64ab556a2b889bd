package io.keel.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import io.keel.storage.BlobRecord;

/** Applies the shipped schema.sql, as the server's migration will. */
public final class TestSchema {

    private TestSchema() {
    }

    public static void apply(DataSource dataSource) throws SQLException, IOException {
        String sql;
        try (InputStream in = TestSchema.class.getResourceAsStream("/io/keel/storage/schema.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder withoutComments = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (!line.strip().startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String statement : withoutComments.toString().split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }

    public static void upsertBlob(DataSource dataSource, BlobRecord blob) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement d = c.prepareStatement("UPDATE keel_file_blobs SET ref_count = ? WHERE sha256 = ?")) {
                d.setLong(1, blob.refCount());
                d.setString(2, blob.sha256());
                if (d.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement i = c.prepareStatement("INSERT INTO keel_file_blobs (sha256, size_bytes,"
                    + " stored_bytes, compressed, ref_count, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                i.setString(1, blob.sha256());
                i.setLong(2, blob.sizeBytes());
                i.setLong(3, blob.storedBytes());
                i.setBoolean(4, blob.compressed());
                i.setLong(5, blob.refCount());
                i.setObject(6, OffsetDateTime.ofInstant(blob.createdAt(), ZoneOffset.UTC));
                i.executeUpdate();
            }
        }
    }
}
