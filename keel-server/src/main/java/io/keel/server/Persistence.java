package io.keel.server;

import io.keel.server.records.OperationRecordStore;

/** Where records live, and whether that place answers (readiness). */
public interface Persistence extends AutoCloseable {

    OperationRecordStore store();

    /** True when the database answers now. */
    boolean isUp();

    @Override
    void close();
}
