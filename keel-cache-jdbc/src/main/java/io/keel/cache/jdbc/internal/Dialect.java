package io.keel.cache.jdbc.internal;

/**
 * The two databases the level runs on, and the little SQL that differs between them. Everything else is standard
 * SQL both accept.
 */
public enum Dialect {

    POSTGRESQL("BYTEA", " ON CONFLICT (ns, entry_key) DO NOTHING"),
    /** H2 has no {@code ON CONFLICT}; a racing insert fails with SQLState 23505, which the writer treats alike. */
    H2("VARBINARY", "");

    private final String bytesType;
    private final String insertIfAbsent;

    Dialect(String bytesType, String insertIfAbsent) {
        this.bytesType = bytesType;
        this.insertIfAbsent = insertIfAbsent;
    }

    /** The dialect of a database by its JDBC product name; any other database is refused. */
    public static Dialect of(String productName) {
        if ("PostgreSQL".equals(productName)) {
            return POSTGRESQL;
        }
        if ("H2".equals(productName)) {
            return H2;
        }
        throw new IllegalArgumentException("unsupported database '" + productName
                + "': the JDBC second level runs on PostgreSQL and H2");
    }

    String bytesType() {
        return bytesType;
    }

    /** Appended to an {@code INSERT} of an entry so that losing a race to another insert is no error. */
    String insertIfAbsent() {
        return insertIfAbsent;
    }

    /** Whether invalidations travel through the database ({@code NOTIFY}) rather than within this process. */
    public boolean notifies() {
        return this == POSTGRESQL;
    }
}
