package io.keel.server.records;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** The record store contract on the embedded default: an H2 file database in a temporary directory. */
class H2OperationRecordStoreTest extends OperationRecordStoreContract {

    @TempDir
    static Path dataDir;

    @Override
    protected Database openDatabase() {
        return Database.open(Database.embeddedH2Url(dataDir), "sa", "", 4);
    }
}
