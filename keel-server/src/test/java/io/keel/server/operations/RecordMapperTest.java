package io.keel.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.keel.governor.OperationSnapshot;
import io.keel.governor.OperationStatus;
import io.keel.governor.Progress;

class RecordMapperTest {

    /** The database keeps microseconds; a live operation must not show more, or it would change after a restart. */
    @Test
    void recordTimesAreTruncatedToTheMicrosecondTheDatabaseKeeps() {
        Instant created = Instant.parse("2026-11-25T21:36:41.213966881Z");
        var snapshot = new OperationSnapshot("op-1", "echo", "echo", OperationStatus.SUCCEEDED, 5,
                created, created.plusNanos(1_001), created.plusNanos(2_999), null, Progress.DONE, List.of(),
                "x", null, false, Map.of());
        var mapper = new RecordMapper("node-1", InstantSource.fixed(created), Duration.ofSeconds(60));

        var record = mapper.toRecord(snapshot);

        assertThat(record.createdAt()).isEqualTo(Instant.parse("2026-11-25T21:36:41.213966Z"));
        assertThat(record.startedAt()).isEqualTo(Instant.parse("2026-11-25T21:36:41.213967Z"));
        assertThat(record.finishedAt()).isEqualTo(Instant.parse("2026-11-25T21:36:41.213969Z"));
    }
}
