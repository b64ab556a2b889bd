package io.keel.server;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import io.keel.server.config.KeelConfig;
import io.keel.server.records.OperationRecordStore;

/** The server's maintenance jobs: record pruning and lease renewal. */
final class Maintenance implements AutoCloseable {

    static Maintenance start(KeelConfig config, String nodeId, OperationRecordStore store, InstantSource clock) {
        return new Maintenance();
    }

    List<Map<String, Object>> jobs() {
        return List.of();
    }

    @Override
    public void close() {
    }
}
