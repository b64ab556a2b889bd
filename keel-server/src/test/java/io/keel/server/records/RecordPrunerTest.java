package io.keel.server.records;

import static io.keel.server.records.TestRecords.T0;
import static io.keel.server.records.TestRecords.finished;
import static io.keel.server.records.TestRecords.queued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import io.keel.server.maintenance.MaintenanceScheduler;
import io.keel.testkit.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordPrunerTest {

    @TempDir
    Path dataDir;

    @Test
    void asAMaintenanceJobItDeletesRecordsPastTheirAgeAndReportsHowMany() {
        ManualClock clock = new ManualClock(T0);
        try (Database database = Database.open(Database.embeddedH2Url(dataDir), "sa", "", 2);
             JdbcOperationRecordStore store = JdbcOperationRecordStore.create(database.dataSource(), null)) {
            store.saveTerminal(finished(queued("old", T0), "SUCCEEDED", T0));
            store.upsert(queued("waiting", T0));
            MaintenanceScheduler scheduler = new MaintenanceScheduler(clock, null, null);
            scheduler.register("prune-records", Duration.ofHours(1),
                    new RecordPruner(store, clock, Duration.ofDays(7), 100_000));

            clock.advance(Duration.ofDays(8));
            scheduler.tick();

            assertThat(scheduler.jobs().getFirst().lastOutcome()).isEqualTo("ok: deleted 1");
            assertThat(store.find("old")).isEmpty();
            assertThat(store.find("waiting")).isPresent();
        }
    }

    @Test
    void refusesSettingsThatWouldDeleteEverythingOrNothingByMistake() {
        assertThatThrownBy(() -> new RecordPruner(null, new ManualClock(), Duration.ZERO, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> new RecordPruner(null, new ManualClock(), Duration.ofDays(1), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }
}
