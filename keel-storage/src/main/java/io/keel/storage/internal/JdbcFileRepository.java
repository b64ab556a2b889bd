package io.keel.storage.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import io.keel.storage.BlobRecord;
import io.keel.storage.FileRecord;
import io.keel.storage.FileRepository;
import io.keel.storage.MetadataException;
import io.keel.storage.RemovedReference;
import io.keel.storage.RepositoryTotals;

/**
 * Metadata in the server's database through plain JDBC; the SQL runs unchanged on H2 2.x and PostgreSQL
 * (tables in {@code io/keel/storage/schema.sql}). Multi-statement changes run in one transaction each; SQL
 * errors surface as {@link MetadataException} (unchecked) naming the statement.
 */
public final class JdbcFileRepository implements FileRepository {

    private static final String FILE_COLUMNS =
            "id, name, sha256, size_bytes, created_at, last_access_at, pinned, expires_at";
    private static final String BLOB_COLUMNS = "sha256, size_bytes, stored_bytes, compressed, ref_count, created_at";
    private static final String UNPINNED = "SELECT " + FILE_COLUMNS + " FROM keel_files WHERE pinned = FALSE AND ";

    private final DataSource dataSource;

    public JdbcFileRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T read(String operation, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new MetadataException(operation, e);
        }
    }

    private <T> T transaction(String operation, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new MetadataException(operation, e);
        }
    }

    @Override
    public boolean addReference(FileRecord file, BlobRecord blob) {
        if (!blob.sha256().equals(file.sha256())) {
            throw new IllegalArgumentException("file " + file.id() + " references " + file.sha256() + ", not "
                    + blob.sha256());
        }
        return transaction("add reference", c -> {
            boolean existed = update(c, "UPDATE keel_file_blobs SET ref_count = ref_count + 1 WHERE sha256 = ?",
                    blob.sha256()) == 1;
            if (!existed) {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO keel_file_blobs (" + BLOB_COLUMNS + ") VALUES (?, ?, ?, ?, 1, ?)")) {
                    s.setString(1, blob.sha256());
                    s.setLong(2, blob.sizeBytes());
                    s.setLong(3, blob.storedBytes());
                    s.setBoolean(4, blob.compressed());
                    setTime(s, 5, blob.createdAt());
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO keel_files (" + FILE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, file.id());
                s.setString(2, file.name());
                s.setString(3, file.sha256());
                s.setLong(4, file.sizeBytes());
                setTime(s, 5, file.createdAt());
                setTime(s, 6, file.lastAccessAt());
                s.setBoolean(7, file.pinned());
                setTime(s, 8, file.expiresAt());
                s.executeUpdate();
            }
            return existed;
        });
    }

    @Override
    public Optional<RemovedReference> removeReference(String fileId) {
        return transaction("remove reference", c -> {
            Optional<FileRecord> file = findFile(c, fileId);
            if (file.isEmpty() || update(c, "DELETE FROM keel_files WHERE id = ?", fileId) != 1) {
                return Optional.<RemovedReference>empty();
            }
            String sha = file.get().sha256();
            update(c, "UPDATE keel_file_blobs SET ref_count = ref_count - 1 WHERE sha256 = ? AND ref_count > 0",
                    sha);
            BlobRecord blob = findBlob(c, sha).orElseThrow(() ->
                    new SQLException("blob " + sha + " of file " + fileId + " is missing"));
            if (blob.refCount() == 0) {
                update(c, "DELETE FROM keel_file_blobs WHERE sha256 = ?", sha);
            }
            return Optional.of(new RemovedReference(file.get(), blob, blob.refCount()));
        });
    }

    @Override
    public Optional<FileRecord> findFile(String id) {
        return read("find file", c -> findFile(c, id));
    }

    @Override
    public Optional<BlobRecord> findBlob(String sha256) {
        return read("find blob", c -> findBlob(c, sha256));
    }

    @Override
    public void touch(String fileId, Instant at) {
        read("touch", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE keel_files SET last_access_at = ? WHERE id = ?")) {
                setTime(s, 1, at);
                s.setString(2, fileId);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void updateBlobStorage(String sha256, long storedBytes, boolean compressed) {
        read("update blob storage", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE keel_file_blobs SET stored_bytes = ?, compressed = ? WHERE sha256 = ?")) {
                s.setLong(1, storedBytes);
                s.setBoolean(2, compressed);
                s.setString(3, sha256);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public List<BlobRecord> blobs(String afterSha256, int limit) {
        return read("list blobs", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + BLOB_COLUMNS
                    + " FROM keel_file_blobs WHERE sha256 > ? ORDER BY sha256 LIMIT ?")) {
                s.setString(1, afterSha256 == null ? "" : afterSha256);
                s.setInt(2, limit);
                return blobList(s);
            }
        });
    }

    @Override
    public List<FileRecord> files(String afterId, int limit) {
        return read("list files", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + FILE_COLUMNS
                    + " FROM keel_files WHERE id > ? ORDER BY id LIMIT ?")) {
                s.setString(1, afterId == null ? "" : afterId);
                s.setInt(2, limit);
                return fileList(s);
            }
        });
    }

    @Override
    public List<FileRecord> expired(Instant now, int limit) {
        return timeQuery("expired files", UNPINNED + "expires_at <= ? ORDER BY expires_at, id LIMIT ?", now, limit);
    }

    @Override
    public List<FileRecord> createdBefore(Instant cutoff, int limit) {
        return timeQuery("aged files", UNPINNED + "created_at < ? ORDER BY created_at, id LIMIT ?", cutoff, limit);
    }

    @Override
    public List<FileRecord> leastRecentlyAccessed(int limit) {
        return read("least recently accessed files", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + FILE_COLUMNS
                    + " FROM keel_files WHERE pinned = FALSE ORDER BY last_access_at, id LIMIT ?")) {
                s.setInt(1, limit);
                return fileList(s);
            }
        });
    }

    private List<FileRecord> timeQuery(String operation, String sql, Instant at, int limit) {
        return read(operation, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                setTime(s, 1, at);
                s.setInt(2, limit);
                return fileList(s);
            }
        });
    }

    @Override
    public RepositoryTotals totals() {
        return read("totals", c -> {
            long files;
            long logical;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT COUNT(*), COALESCE(SUM(size_bytes), 0) FROM keel_files");
                 ResultSet r = s.executeQuery()) {
                r.next();
                files = r.getLong(1);
                logical = r.getLong(2);
            }
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(size_bytes), 0),"
                    + " COALESCE(SUM(stored_bytes), 0) FROM keel_file_blobs WHERE ref_count > 0");
                 ResultSet r = s.executeQuery()) {
                r.next();
                return new RepositoryTotals(files, r.getLong(1), logical, r.getLong(2), r.getLong(3));
            }
        });
    }

    @Override
    public int reconcileReferenceCounts() {
        return transaction("reconcile reference counts", c -> update(c,
                "UPDATE keel_file_blobs SET ref_count ="
                        + " (SELECT COUNT(*) FROM keel_files f WHERE f.sha256 = keel_file_blobs.sha256)"
                        + " WHERE ref_count <>"
                        + " (SELECT COUNT(*) FROM keel_files f WHERE f.sha256 = keel_file_blobs.sha256)"));
    }

    @Override
    public List<BlobRecord> unreferencedBlobs(int limit) {
        return read("unreferenced blobs", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + BLOB_COLUMNS
                    + " FROM keel_file_blobs WHERE ref_count = 0 ORDER BY sha256 LIMIT ?")) {
                s.setInt(1, limit);
                return blobList(s);
            }
        });
    }

    @Override
    public boolean deleteBlobIfUnreferenced(String sha256) {
        return transaction("delete unreferenced blob", c -> update(c,
                "DELETE FROM keel_file_blobs WHERE sha256 = ?"
                        + " AND NOT EXISTS (SELECT 1 FROM keel_files f WHERE f.sha256 = keel_file_blobs.sha256)",
                sha256) == 1);
    }

    private static Optional<FileRecord> findFile(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + FILE_COLUMNS + " FROM keel_files WHERE id = ?")) {
            s.setString(1, id);
            return fileList(s).stream().findFirst();
        }
    }

    private static Optional<BlobRecord> findBlob(Connection c, String sha256) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + BLOB_COLUMNS + " FROM keel_file_blobs WHERE sha256 = ?")) {
            s.setString(1, sha256);
            return blobList(s).stream().findFirst();
        }
    }

    private static int update(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            return s.executeUpdate();
        }
    }

    private static List<FileRecord> fileList(PreparedStatement s) throws SQLException {
        List<FileRecord> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new FileRecord(r.getString(1), r.getString(2), r.getString(3), r.getLong(4),
                        time(r, 5), time(r, 6), r.getBoolean(7), time(r, 8)));
            }
        }
        return out;
    }

    private static List<BlobRecord> blobList(PreparedStatement s) throws SQLException {
        List<BlobRecord> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new BlobRecord(r.getString(1), r.getLong(2), r.getLong(3), r.getBoolean(4), r.getLong(5),
                        time(r, 6)));
            }
        }
        return out;
    }

    private static void setTime(PreparedStatement s, int index, Instant at) throws SQLException {
        if (at == null) {
            s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setObject(index, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        }
    }

    private static Instant time(ResultSet r, int index) throws SQLException {
        OffsetDateTime value = r.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
