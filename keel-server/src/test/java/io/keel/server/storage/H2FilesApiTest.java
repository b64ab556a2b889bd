package io.keel.server.storage;

import java.util.Map;

import io.keel.server.config.Setting;

/** The file endpoints on the embedded H2 database (the default), metadata migrated by Flyway. */
class H2FilesApiTest extends FilesApiContract {

    @Override
    Map<Setting, String> databaseSettings() {
        return Map.of();
    }
}
