package io.keel.server.records;

import static io.keel.server.records.TestRecords.T0;
import static io.keel.server.records.TestRecords.queued;
import static io.keel.server.records.TestRecords.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record store contract on the embedded default: an H2 file database in a temporary directory. */
class H2OperationRecordStoreTest extends OperationRecordStoreContract {

    @TempDir
    static Path dataDir;

    @Override
    protected Database openDatabase() {
        return Database.open(Database.embeddedH2Url(dataDir), "sa", "", 4);
    }

    @Test
    void h2StoresEveryCommitBeforeItReturns() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("0");
        }
    }

    @Test
    void terminalRecordsSurviveClosingAndReopeningTheFile(@TempDir Path otherDir) {
        String url = Database.embeddedH2Url(otherDir);
        try (Database first = Database.open(url, "sa", "", 2);
             JdbcOperationRecordStore writer = JdbcOperationRecordStore.create(first.dataSource(), null)) {
            for (int i = 0; i < 20; i++) {
                writer.saveTerminal(succeeded(queued("op-" + i, T0)));
            }
        }
        try (Database reopened = Database.open(url, "sa", "", 2);
             JdbcOperationRecordStore reader = JdbcOperationRecordStore.create(reopened.dataSource(), null)) {
            assertThat(reader.list(new RecordQuery("SUCCEEDED", null, null, 100)).items()).hasSize(20);
        }
    }

    @Test
    void batchSizesAndCommitTimesAreRecordedInMicrometer() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (JdbcOperationRecordStore measured = JdbcOperationRecordStore.create(database.dataSource(), registry)) {
            measured.saveTerminal(succeeded(queued("op-1", T0)));
            measured.saveTerminal(succeeded(queued("op-2", T0)));
        }
        assertThat(registry.get("keel.records.batch.size").summary().totalAmount()).isEqualTo(2);
        assertThat(registry.get("keel.records.commit").timer().count()).isEqualTo(2);
        assertThat(registry.get("keel.records.write.failures").counter().count()).isZero();
    }
}
