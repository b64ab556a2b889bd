package io.keel.cache.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.keel.cache.L2Entry;

/**
 * The SQL of one namespace in one pair of tables, run on a connection the caller owns (and commits).
 *
 * <p>{@code <prefix>entries(ns, entry_key, entry_value, version, expires_at, tags)}: a value, or a tombstone
 * ({@code entry_value} NULL), with its version and its expiry in epoch milliseconds; a row past its expiry is as
 * good as absent and blocks no write. {@code <prefix>tags(ns, tag, entry_key)} indexes the tags of live values.
 *
 * <p>The versioned write ({@link #write}) locks the key's row ({@code SELECT ... FOR UPDATE}) and decides in Java;
 * when there is no row it inserts one, and if another transaction inserted it first (PostgreSQL: {@code ON
 * CONFLICT DO NOTHING} changes nothing; H2: SQLState 23505) it locks that row and decides again. The row lock is
 * held to commit, so racing writers of one key are serialized and the highest version stays; callers lock keys of
 * a batch in sorted order so two batches cannot deadlock. The same step tells whether a live value was replaced,
 * which deletes must report exactly.
 */
public final class EntryStore {

    /** What a versioned write found and did. */
    public enum Outcome {
        /** A newer (or equal) unexpired version is stored; nothing changed. */
        REFUSED,
        /** Written over nothing, an expired row or a tombstone. */
        WRITTEN,
        /** Written over a live value. */
        REPLACED_LIVE;

        public boolean landed() {
            return this != REFUSED;
        }
    }

    private static final int IN_LIST = 500;

    private final Dialect dialect;
    private final String namespace;
    private final String entries;
    private final String tags;

    public EntryStore(Dialect dialect, String tablePrefix, String namespace) {
        this.dialect = dialect;
        this.namespace = namespace;
        this.entries = tablePrefix + "entries";
        this.tags = tablePrefix + "tags";
    }

    /** Creates the tables and indexes unless they exist; both databases accept the same statements. */
    public void createSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + entries + " (ns VARCHAR(200) NOT NULL, "
                    + "entry_key VARCHAR(65535) NOT NULL, entry_value " + dialect.bytesType() + ", "
                    + "version BIGINT NOT NULL, expires_at BIGINT NOT NULL, tags VARCHAR(1000000), "
                    + "PRIMARY KEY (ns, entry_key))");
            s.execute("CREATE INDEX IF NOT EXISTS " + entries + "_expiry ON " + entries + " (ns, expires_at)");
            s.execute("CREATE TABLE IF NOT EXISTS " + tags + " (ns VARCHAR(200) NOT NULL, "
                    + "tag VARCHAR(65535) NOT NULL, entry_key VARCHAR(65535) NOT NULL, "
                    + "PRIMARY KEY (ns, tag, entry_key))");
            s.execute("CREATE INDEX IF NOT EXISTS " + tags + "_by_key ON " + tags + " (ns, entry_key)");
        }
    }

    /** Live values of those keys that have one. */
    public Map<String, L2Entry> read(Connection c, Collection<String> keys, long now) throws SQLException {
        List<String> distinct = List.copyOf(Set.copyOf(keys));
        Map<String, L2Entry> found = HashMap.newHashMap(distinct.size());
        for (int from = 0; from < distinct.size(); from += IN_LIST) {
            List<String> part = distinct.subList(from, Math.min(distinct.size(), from + IN_LIST));
            // Only the primary key in the condition: with "expires_at > ?" beside it PostgreSQL's planner, before
            // the table was analysed, read the namespace through the (ns, expires_at) index and filtered every row
            // of it (~50 ms for 100 keys of 10,000, docs/benchmarks/cache-jdbc.md). Expiry and tombstones are
            // judged here instead.
            String sql = "SELECT entry_key, entry_value, version, tags, expires_at FROM " + entries
                    + " WHERE ns = ? AND entry_key IN (" + "?, ".repeat(part.size() - 1) + "?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, namespace);
                for (int i = 0; i < part.size(); i++) {
                    ps.setString(2 + i, part.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byte[] value = rs.getBytes(2);
                        if (value != null && rs.getLong(5) > now) {
                            found.put(rs.getString(1),
                                    new L2Entry(value, rs.getLong(3), TagList.decode(rs.getString(4))));
                        }
                    }
                }
            }
        }
        return found;
    }

    /**
     * Writes a value ({@code value} non-null) or a tombstone ({@code null}) unless the key holds an unexpired
     * version {@code >= version}; keeps the tags table in step.
     */
    public Outcome write(Connection c, String key, byte[] value, long version, Set<String> tagSet, long expiresAt,
                         long now) throws SQLException {
        String tagText = value == null ? "" : TagList.encode(tagSet);
        while (true) {
            Stored old = lock(c, key);
            if (old != null) {
                if (old.expiresAt() > now && old.version() >= version) {
                    return Outcome.REFUSED;
                }
                update(c, key, value, version, expiresAt, tagText);
                if (old.hadTags()) {
                    deleteTags(c, key);
                }
                insertTags(c, key, value == null ? Set.of() : tagSet);
                return old.live(now) ? Outcome.REPLACED_LIVE : Outcome.WRITTEN;
            }
            if (insert(c, key, value, version, expiresAt, tagText)) {
                // Tags left by a purged row are stale; a purge removes them too, but may not have run yet.
                deleteTags(c, key);
                insertTags(c, key, value == null ? Set.of() : tagSet);
                return Outcome.WRITTEN;
            }
            // Another transaction inserted the key since we looked: its row is committed now, lock it and decide.
        }
    }

    /** One value of a batch, as {@link #writeBatch} takes it. */
    public record BatchWrite(String key, byte[] value, long version, Set<String> tags, long expiresAt) {
    }

    /** Whether {@link #writeBatch} can take this batch: PostgreSQL, and no key twice (one upsert row per key). */
    public boolean takesBatch(List<BatchWrite> writes) {
        if (dialect != Dialect.POSTGRESQL) {
            return false;
        }
        Set<String> seen = new HashSet<>();
        for (BatchWrite w : writes) {
            if (!seen.add(w.key())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes values of distinct keys with the rule of {@link #write}, as one versioned upsert: the row lock and the
     * version check happen inside {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE}, the landed keys come back
     * from {@code RETURNING}, and their tags are replaced in two more statements — a few round trips per batch
     * instead of two or three per key. Rows are locked in the order given, so callers pass keys sorted, as for
     * {@link #write}. PostgreSQL only ({@link #takesBatch}).
     *
     * @return the keys that landed
     */
    public Set<String> writeBatch(Connection c, List<BatchWrite> writes, long now) throws SQLException {
        Set<String> landed = new HashSet<>();
        for (int from = 0; from < writes.size(); from += IN_LIST) {
            List<BatchWrite> part = writes.subList(from, Math.min(writes.size(), from + IN_LIST));
            String sql = "INSERT INTO " + entries + " AS e (ns, entry_key, entry_value, version, expires_at, tags) "
                    + "VALUES " + "(?, ?, ?, ?, ?, ?), ".repeat(part.size() - 1) + "(?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (ns, entry_key) DO UPDATE SET entry_value = EXCLUDED.entry_value, "
                    + "version = EXCLUDED.version, expires_at = EXCLUDED.expires_at, tags = EXCLUDED.tags "
                    + "WHERE e.version < EXCLUDED.version OR e.expires_at <= ? RETURNING entry_key";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int p = 1;
                for (BatchWrite w : part) {
                    ps.setString(p++, namespace);
                    ps.setString(p++, w.key());
                    ps.setBytes(p++, w.value());
                    ps.setLong(p++, w.version());
                    ps.setLong(p++, w.expiresAt());
                    ps.setString(p++, TagList.encode(w.tags()));
                }
                ps.setLong(p, now);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        landed.add(rs.getString(1));
                    }
                }
            }
        }
        replaceTags(c, writes, landed);
        return landed;
    }

    /** The landed keys' old tag rows go (a purged or overwritten row may have left some), their new ones come. */
    private void replaceTags(Connection c, List<BatchWrite> writes, Set<String> landed) throws SQLException {
        if (landed.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + tags
                + " WHERE ns = ? AND entry_key = ANY (?)")) {
            ps.setString(1, namespace);
            ps.setArray(2, c.createArrayOf("varchar", landed.toArray()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tags + " (ns, tag, entry_key) "
                + "VALUES (?, ?, ?)")) {
            int rows = 0;
            for (BatchWrite w : writes) {
                if (landed.contains(w.key())) {
                    for (String tag : w.tags()) {
                        ps.setString(1, namespace);
                        ps.setString(2, tag);
                        ps.setString(3, w.key());
                        ps.addBatch();
                        rows++;
                    }
                }
            }
            if (rows > 0) {
                ps.executeBatch();
            }
        }
    }

    private record Stored(long version, long expiresAt, boolean hasValue, boolean hadTags) {
        boolean live(long now) {
            return hasValue && expiresAt > now;
        }
    }

    private Stored lock(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version, expires_at, entry_value IS NOT NULL, "
                + "tags FROM " + entries + " WHERE ns = ? AND entry_key = ? FOR UPDATE")) {
            ps.setString(1, namespace);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String tagText = rs.getString(4);
                return new Stored(rs.getLong(1), rs.getLong(2), rs.getBoolean(3),
                        tagText != null && !tagText.isEmpty());
            }
        }
    }

    private void update(Connection c, String key, byte[] value, long version, long expiresAt, String tagText)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + entries + " SET entry_value = ?, version = ?, "
                + "expires_at = ?, tags = ? WHERE ns = ? AND entry_key = ?")) {
            ps.setBytes(1, value);
            ps.setLong(2, version);
            ps.setLong(3, expiresAt);
            ps.setString(4, tagText);
            ps.setString(5, namespace);
            ps.setString(6, key);
            ps.executeUpdate();
        }
    }

    private boolean insert(Connection c, String key, byte[] value, long version, long expiresAt, String tagText)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + entries + " (ns, entry_key, entry_value, "
                + "version, expires_at, tags) VALUES (?, ?, ?, ?, ?, ?)" + dialect.insertIfAbsent())) {
            ps.setString(1, namespace);
            ps.setString(2, key);
            ps.setBytes(3, value);
            ps.setLong(4, version);
            ps.setLong(5, expiresAt);
            ps.setString(6, tagText);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private void deleteTags(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + tags + " WHERE ns = ? AND entry_key = ?")) {
            ps.setString(1, namespace);
            ps.setString(2, key);
            ps.executeUpdate();
        }
    }

    private void insertTags(Connection c, String key, Set<String> tagSet) throws SQLException {
        if (tagSet.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tags + " (ns, tag, entry_key) "
                + "VALUES (?, ?, ?)")) {
            for (String tag : tagSet) {
                ps.setString(1, namespace);
                ps.setString(2, tag);
                ps.setString(3, key);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Keys whose current value carries the tag (a tombstone or an overwrite removes a key's tags). */
    public List<String> keysTagged(Connection c, String tag) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT entry_key FROM " + tags
                + " WHERE ns = ? AND tag = ?")) {
            ps.setString(1, namespace);
            ps.setString(2, tag);
            return keys(ps);
        }
    }

    /**
     * Keys starting with the pattern's literal prefix that a tombstone of this version could change (older, or
     * expired), filtered by the whole pattern.
     */
    public List<String> keysMatching(Connection c, KeyPattern pattern, long version, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT entry_key FROM " + entries
                + " WHERE ns = ? AND entry_key LIKE ? ESCAPE '!' AND (version < ? OR expires_at <= ?)")) {
            ps.setString(1, namespace);
            ps.setString(2, pattern.likePrefix());
            ps.setLong(3, version);
            ps.setLong(4, now);
            List<String> matching = new ArrayList<>();
            for (String key : keys(ps)) {
                if (pattern.matches(key)) {
                    matching.add(key);
                }
            }
            return matching;
        }
    }

    private static List<String> keys(PreparedStatement ps) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    /** Deletes expired rows (values and tombstones) and the tags of keys no live value holds. */
    public int purgeExpired(Connection c, long now) throws SQLException {
        int purged;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + entries
                + " WHERE ns = ? AND expires_at <= ?")) {
            ps.setString(1, namespace);
            ps.setLong(2, now);
            purged = ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + tags + " WHERE ns = ? AND NOT EXISTS "
                + "(SELECT 1 FROM " + entries + " e WHERE e.ns = " + tags + ".ns AND e.entry_key = " + tags
                + ".entry_key AND e.expires_at > ? AND e.entry_value IS NOT NULL)")) {
            ps.setString(1, namespace);
            ps.setLong(2, now);
            ps.executeUpdate();
        }
        return purged;
    }

    /** Live values in the namespace. */
    public long countLive(Connection c, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + entries
                + " WHERE ns = ? AND expires_at > ? AND entry_value IS NOT NULL")) {
            ps.setString(1, namespace);
            ps.setLong(2, now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
