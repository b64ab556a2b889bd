package io.keel.server.operations;

import java.util.Map;

import io.keel.server.config.Setting;

/** The operations API on the default records database: embedded H2 under the data dir. */
class H2OperationsApiTest extends OperationsApiContract {

    @Override
    Map<Setting, String> databaseSettings() {
        return Map.of();
    }
}
