package io.keel.server;

import java.util.Optional;

import javax.sql.DataSource;

import io.keel.server.records.OperationRecordStore;

/** Where records live, and whether that place answers (readiness). */
public interface Persistence extends AutoCloseable {

    OperationRecordStore store();

    /** True when the database answers now. */
    boolean isUp();

    /** The pooled database, for features with tables of their own; empty for in-memory persistence. */
    default Optional<DataSource> dataSource() {
        return Optional.empty();
    }

    @Override
    void close();
}
