package io.keel.server.records;

import static io.keel.server.records.TestRecords.T0;
import static io.keel.server.records.TestRecords.finished;
import static io.keel.server.records.TestRecords.queued;
import static io.keel.server.records.TestRecords.running;
import static io.keel.server.records.TestRecords.succeeded;
import static io.keel.server.records.TestRecords.withAgent;
import static io.keel.server.records.TestRecords.withInput;
import static io.keel.server.records.TestRecords.withKey;
import static io.keel.server.records.TestRecords.withOwner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link OperationRecordStore} back end must do; subclasses supply a database (JobRunr's
 * AbstractStorageProviderTest habit). Each test starts from an empty {@code operations} table.
 */
@Timeout(120)
abstract class OperationRecordStoreContract {

    /** Opens a new pool on the same storage each call, so a test can read through fresh connections. */
    protected abstract Database openDatabase();

    protected Database database;
    protected JdbcOperationRecordStore store;

    @BeforeEach
    void startWithAnEmptyTable() throws SQLException {
        database = openDatabase();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM operations");
        }
        store = JdbcOperationRecordStore.create(database.dataSource(), null);
    }

    @AfterEach
    void closeStore() {
        store.close();
        database.close();
    }

    /**
     * Reads what is committed through a second pool, bypassing the pending writes and the recently-terminal
     * filter of {@link #store}.
     */
    private Optional<OperationRecord> committed(String id) {
        if (reader == null) {
            readerDatabase = openDatabase();
            reader = JdbcOperationRecordStore.create(readerDatabase.dataSource(), null);
        }
        return reader.find(id);
    }

    private Database readerDatabase;
    private JdbcOperationRecordStore reader;

    @AfterEach
    void closeReader() {
        if (reader != null) {
            reader.close();
            readerDatabase.close();
        }
    }

    @Test
    void aRecordReadsBackAsWrittenToTheMicrosecond() {
        OperationRecord record = withKey(queued("op-1", T0.plusNanos(123_456_789)), "key-1");
        store.upsert(record);
        assertThat(store.find("op-1")).contains(record);

        store.flush();
        OperationRecord expected = new OperationRecord(record.id(), record.agent(), record.status(), record.priority(),
                T0.plusNanos(123_456_000), null, null, 0.0, null, 0, 0, null, record.inputJson(), null, null, null,
                false, "key-1", 1000L, "node-a", record.leaseExpiresAt().minusNanos(789), 0, record.traceId());
        assertThat(store.find("op-1")).contains(expected);
        assertThat(committed("op-1")).contains(expected);
    }

    @Test
    void nullsInOneRecordNeverBlankTheValuesOfTheNextInABatch() {
        try (JdbcOperationRecordStore batching = JdbcOperationRecordStore.builder(database.dataSource())
                .lanes(1).maxDelay(Duration.ofMinutes(1)).build()) {
            OperationRecord sparse = queued("sparse", T0);
            OperationRecord full = withKey(succeeded(queued("full", T0)), "key-full");
            batching.upsert(sparse);
            batching.saveTerminal(full);
            assertThat(committed("sparse")).contains(sparse);
            assertThat(committed("full")).contains(full);
        }
    }

    @Test
    void theLatestNonTerminalWriteWins() {
        OperationRecord queued = queued("op-1", T0);
        store.upsert(queued);
        store.flush();
        store.upsert(running(queued));
        store.flush();
        assertThat(committed("op-1")).map(OperationRecord::status).contains("RUNNING");
    }

    @Test
    void aLateRunningWriteNeverOverwritesATerminalState() {
        OperationRecord queued = queued("op-1", T0);
        store.upsert(queued);
        store.saveTerminal(succeeded(queued));
        store.upsert(running(queued));
        assertThat(store.find("op-1")).map(OperationRecord::status).contains("SUCCEEDED");

        try (JdbcOperationRecordStore freshStore = JdbcOperationRecordStore.create(database.dataSource(), null)) {
            freshStore.upsert(running(queued));
            freshStore.flush();
        }
        assertThat(committed("op-1")).map(OperationRecord::status).contains("SUCCEEDED");
    }

    @Test
    void aTerminalStateIsNeverReplacedByAnotherOne() {
        OperationRecord queued = queued("op-1", T0);
        store.saveTerminal(succeeded(queued));
        store.saveTerminal(finished(queued, "FAILED", T0.plusSeconds(1)));
        assertThat(store.find("op-1")).map(OperationRecord::status).contains("SUCCEEDED");

        try (JdbcOperationRecordStore freshStore = JdbcOperationRecordStore.create(database.dataSource(), null)) {
            freshStore.saveTerminal(finished(queued, "CANCELLED", T0.plusSeconds(2)));
        }
        assertThat(committed("op-1")).map(OperationRecord::status).contains("SUCCEEDED");
    }

    @Test
    void withinOneBatchTheFirstTerminalStateWins() {
        try (JdbcOperationRecordStore batching = JdbcOperationRecordStore.builder(database.dataSource())
                .maxDelay(Duration.ofMinutes(1)).build()) {
            OperationRecord queued = queued("op-1", T0);
            batching.upsert(queued);
            batching.upsert(finished(queued, "CANCELLED", T0.plusSeconds(1)));
            batching.upsert(running(queued));
            batching.saveTerminal(succeeded(queued));
            assertThat(committed("op-1")).map(OperationRecord::status).contains("CANCELLED");
        }
    }

    @Test
    void aTerminalStateIsCommittedWhenSaveTerminalReturns() {
        OperationRecord record = succeeded(queued("op-1", T0));
        store.saveTerminal(record);
        assertThat(committed("op-1")).contains(record);
    }

    @Test
    void closingFlushesEveryAcceptedWrite() {
        store.upsert(queued("op-1", T0));
        store.upsert(queued("op-2", T0));
        store.close();
        assertThat(committed("op-1")).isPresent();
        assertThat(committed("op-2")).isPresent();
        assertThatThrownBy(() -> store.upsert(queued("op-3", T0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("op-3");
    }

    @Test
    void writesOfOneOperationWithinABatchWindowAreCoalesced() {
        try (JdbcOperationRecordStore batching = JdbcOperationRecordStore.builder(database.dataSource())
                .maxDelay(Duration.ofMinutes(1)).build()) {
            OperationRecord queued = queued("op-1", T0);
            batching.upsert(queued);
            batching.upsert(running(queued));
            batching.saveTerminal(succeeded(queued));
            assertThat(batching.stats().records()).isEqualTo(1);
            assertThat(batching.stats().batches()).isEqualTo(1);
        }
        assertThat(committed("op-1")).map(OperationRecord::status).contains("SUCCEEDED");
    }

    @Test
    void concurrentTerminalWritesShareCommitsAndAreAllDurable() throws Exception {
        int threads = 50;
        try (JdbcOperationRecordStore batching = JdbcOperationRecordStore.builder(database.dataSource())
                .lanes(1).linger(Duration.ofSeconds(5)).maxBatchSize(threads).build();
             ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                OperationRecord record = succeeded(queued("op-" + i, T0.plusMillis(i)));
                done.add(executor.submit(() -> batching.saveTerminal(record)));
            }
            for (Future<?> future : done) {
                future.get();
            }
            assertThat(batching.stats().records()).isEqualTo(threads);
            assertThat(batching.stats().largestBatch()).isGreaterThan(1);
            assertThat(batching.stats().batches()).isLessThan(threads);
        }
        for (int i = 0; i < threads; i++) {
            assertThat(committed("op-" + i)).map(OperationRecord::status).contains("SUCCEEDED");
        }
    }

    @Test
    void aRecordAnEarlierStoreWroteIsUpdatedNotDuplicatedEvenInABatchOfNewOnes() throws Exception {
        OperationRecord earlier = queued("earlier", T0);
        store.upsert(earlier);
        store.flush();
        // A second store (a restarted process) has never committed "earlier", so it first tries an insert.
        int threads = 10;
        try (JdbcOperationRecordStore restarted = JdbcOperationRecordStore.builder(database.dataSource())
                .lanes(1).linger(Duration.ofSeconds(5)).maxBatchSize(threads + 1).build();
             ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            done.add(executor.submit(() -> restarted.saveTerminal(succeeded(earlier))));
            for (int i = 0; i < threads; i++) {
                OperationRecord fresh = succeeded(queued("fresh-" + i, T0.plusMillis(i)));
                done.add(executor.submit(() -> restarted.saveTerminal(fresh)));
            }
            for (Future<?> future : done) {
                future.get();
            }
            assertThat(restarted.stats().failures()).isZero();
        }
        assertThat(committed("earlier")).map(OperationRecord::status).contains("SUCCEEDED");
        for (int i = 0; i < threads; i++) {
            assertThat(committed("fresh-" + i)).map(OperationRecord::status).contains("SUCCEEDED");
        }
        assertThat(readAllPages(null, null, 1000)).hasSize(threads + 1);
    }

    @Test
    void aRecordThisStoreCommittedUnfinishedIsUpdatedByItsTerminalWrite() {
        OperationRecord queued = queued("op-1", T0);
        store.upsert(queued);
        store.flush();
        store.upsert(running(queued));
        store.flush();
        store.saveTerminal(succeeded(queued));
        assertThat(committed("op-1")).map(OperationRecord::status).contains("SUCCEEDED");
        assertThat(store.stats().failures()).isZero();
    }

    @Test
    void aBusyStoreCommitsAGroupOfWaitersOnceNoMoreArriveWithoutWaitingOutItsLinger() throws Exception {
        try (JdbcOperationRecordStore patient = JdbcOperationRecordStore.builder(database.dataSource())
                .lanes(1).busyLinger(Duration.ofHours(1)).build();
             ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            patient.upsert(queued("warm-1", T0));
            patient.upsert(queued("warm-2", T0));
            patient.flush(); // a batch of two: the lane now counts as busy and lingers for waiters
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                OperationRecord record = succeeded(queued("group-" + i, T0));
                done.add(executor.submit(() -> patient.saveTerminal(record)));
            }
            for (Future<?> future : done) {
                future.get(); // an hour's linger would trip the class timeout
            }
        }
        assertThat(committed("group-2")).isPresent();
    }

    @Test
    void anIdleStoreCommitsALoneTerminalWriteWithoutLingering() {
        // busyLinger applies only after a batch of several records; a lone write must not wait for it.
        try (JdbcOperationRecordStore patient = JdbcOperationRecordStore.builder(database.dataSource())
                .lanes(1).busyLinger(Duration.ofHours(1)).build()) {
            patient.saveTerminal(succeeded(queued("alone-1", T0)));
            patient.saveTerminal(succeeded(queued("alone-2", T0)));
            assertThat(patient.stats().batches()).isEqualTo(2);
        }
        assertThat(committed("alone-2")).isPresent();
    }

    @Test
    void manyWritersOverSeveralLanesLoseNothing() throws Exception {
        try (JdbcOperationRecordStore laned = JdbcOperationRecordStore.builder(database.dataSource()).lanes(4).build();
             ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 40; t++) {
                int thread = t;
                done.add(executor.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        OperationRecord queued = queued("op-" + thread + "-" + i, T0.plusMillis(thread));
                        laned.upsert(queued);
                        laned.upsert(running(queued));
                        laned.saveTerminal(succeeded(queued));
                        laned.upsert(running(queued));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        assertThat(readAllPages("SUCCEEDED", null, 1000)).hasSize(400);
        assertThat(readAllPages("RUNNING", null, 1000)).isEmpty();
    }

    @Test
    void aBadRecordFailsAloneAndTheRestOfItsBatchIsSaved() throws Exception {
        String tooLong = "x".repeat(1_048_577);
        try (JdbcOperationRecordStore batching = JdbcOperationRecordStore.builder(database.dataSource())
                .lanes(1).linger(Duration.ofSeconds(5)).maxBatchSize(2).build();
             ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> good = executor.submit(() -> batching.saveTerminal(succeeded(queued("good", T0))));
            Future<?> bad = executor.submit(() -> batching.saveTerminal(
                    succeeded(withInput(queued("bad", T0), tooLong))));
            good.get();
            assertThatThrownBy(bad::get).hasCauseInstanceOf(RecordStoreException.class)
                    .hasMessageContaining("'bad'");
            assertThat(batching.stats().failures()).isEqualTo(1);
        }
        assertThat(committed("good")).isPresent();
        assertThat(committed("bad")).isEmpty();
    }

    @Test
    void whenTheDatabaseIsGoneSaveTerminalFailsInsteadOfWaitingForEver() {
        Database doomed = openDatabase();
        try (JdbcOperationRecordStore orphan = JdbcOperationRecordStore.create(doomed.dataSource(), null)) {
            doomed.close();
            assertThatThrownBy(() -> orphan.saveTerminal(succeeded(queued("op-1", T0))))
                    .isInstanceOf(RecordStoreException.class).hasMessageContaining("'op-1'");
            assertThat(orphan.stats().failures()).isEqualTo(1);
        }
    }

    @Test
    void concurrentClaimsOfOneIdempotencyKeyAgreeOnOneHolder() throws Exception {
        List<Future<OperationRecord>> claims = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                OperationRecord candidate = withKey(queued("op-" + i, T0.plusMillis(i)), "order-7");
                claims.add(executor.submit(() -> store.claimIdempotencyKey(candidate, T0.minusSeconds(1))));
            }
        }
        HashSet<String> holders = new HashSet<>();
        for (Future<OperationRecord> claim : claims) {
            holders.add(claim.get().id());
        }
        assertThat(holders).hasSize(1);
        assertThat(store.list(new RecordQuery(null, null, null, 100)).items()).extracting(OperationRecord::id)
                .containsExactlyElementsOf(holders);
    }

    @Test
    void anExpiredKeyCanBeClaimedAgain() {
        store.saveTerminal(succeeded(withKey(queued("op-old", T0), "order-7")));
        Instant nextDay = T0.plus(Duration.ofHours(25));
        OperationRecord fresh = withKey(queued("op-new", nextDay), "order-7");
        assertThat(store.claimIdempotencyKey(fresh, nextDay.minus(Duration.ofHours(24)))).isEqualTo(fresh);
        assertThat(store.claimIdempotencyKey(withKey(queued("op-late", nextDay), "order-7"), nextDay.minusSeconds(5)))
                .isEqualTo(fresh);
    }

    @Test
    void saveTerminalRefusesARecordThatIsNotTerminal() {
        assertThatThrownBy(() -> store.saveTerminal(queued("op-1", T0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("op-1").hasMessageContaining("QUEUED");
    }

    @Test
    void anIdempotencyKeyFindsItsOperationWithinTheWindow() {
        OperationRecord keyed = withKey(queued("op-1", T0), "order-42");
        store.upsert(keyed);
        assertThat(store.findByIdempotencyKey("order-42", T0.minusSeconds(60))).map(OperationRecord::id).contains("op-1");
        store.flush();
        assertThat(store.findByIdempotencyKey("order-42", T0)).map(OperationRecord::id).contains("op-1");
        assertThat(store.findByIdempotencyKey("order-42", T0.plusSeconds(1))).isEmpty();
        assertThat(store.findByIdempotencyKey("order-43", T0.minusSeconds(60))).isEmpty();
    }

    @Test
    void anExpiredIdempotencyKeyPassesToTheNewerOperationAndStaysUnique() {
        OperationRecord old = succeeded(withKey(queued("op-old", T0), "order-42"));
        store.saveTerminal(old);
        Instant nextDay = T0.plus(Duration.ofHours(25));
        store.upsert(withKey(queued("op-new", nextDay), "order-42"));
        store.flush();

        assertThat(store.findByIdempotencyKey("order-42", nextDay.minus(Duration.ofHours(24))))
                .map(OperationRecord::id).contains("op-new");
        assertThat(committed("op-old").orElseThrow().idempotencyKey()).isNull();
        // A late write of the older operation never takes the key back.
        try (JdbcOperationRecordStore freshStore = JdbcOperationRecordStore.create(database.dataSource(), null)) {
            freshStore.saveTerminal(old);
        }
        assertThat(committed("op-new")).map(OperationRecord::idempotencyKey).contains("order-42");
        assertThatThrownBy(() -> insertRaw("op-dup", "order-42")).isInstanceOf(SQLException.class);
    }

    private void insertRaw(String id, String key) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO operations (id, agent, status, priority, created_at,"
                    + " progress_percent, progress_step_index, progress_step_count, cached, attempts, idempotency_key)"
                    + " VALUES ('" + id + "', 'echo', 'QUEUED', 5, CURRENT_TIMESTAMP, 0, 0, 0, FALSE, 0, '" + key + "')");
        }
    }

    @Test
    void pagesListEveryRecordOnceNewestFirstAcrossEqualCreationTimes() {
        List<OperationRecord> all = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            // Ten records share each creation time, so the id must break ties.
            OperationRecord record = queued("op-%03d".formatted(i), T0.plusSeconds(i / 10));
            record = withAgent(record, i % 3 == 0 ? "cpu" : "echo");
            record = i % 4 == 0 ? succeeded(record) : record;
            all.add(record);
            store.upsert(record);
        }
        Comparator<OperationRecord> newestFirst = Comparator.comparing(OperationRecord::createdAt)
                .thenComparing(OperationRecord::id).reversed();

        assertThat(readAllPages(null, null, 7)).containsExactlyElementsOf(all.stream().sorted(newestFirst).toList());
        assertThat(readAllPages(null, "cpu", 4)).containsExactlyElementsOf(
                all.stream().filter(r -> r.agent().equals("cpu")).sorted(newestFirst).toList());
        assertThat(readAllPages("SUCCEEDED", null, 5)).containsExactlyElementsOf(
                all.stream().filter(r -> r.status().equals("SUCCEEDED")).sorted(newestFirst).toList());
        assertThat(readAllPages("QUEUED", "cpu", 1000)).containsExactlyElementsOf(
                all.stream().filter(r -> r.status().equals("QUEUED") && r.agent().equals("cpu"))
                        .sorted(newestFirst).toList());
    }

    private List<OperationRecord> readAllPages(String status, String agent, int limit) {
        List<OperationRecord> seen = new ArrayList<>();
        String cursor = null;
        do {
            RecordPage page = store.list(new RecordQuery(status, agent, cursor, limit));
            assertThat(page.items().size()).isLessThanOrEqualTo(limit);
            if (page.nextCursor() != null) {
                assertThat(page.items()).hasSize(limit);
            }
            seen.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(new HashSet<>(seen.stream().map(OperationRecord::id).toList())).hasSameSizeAs(seen);
        return seen;
    }

    @Test
    void anEmptyTableListsAnEmptyLastPage() {
        RecordPage page = store.list(new RecordQuery(null, null, null, 10));
        assertThat(page.items()).isEmpty();
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void aForgedCursorIsRefusedWithAClearMessage() {
        for (String bad : List.of("not base64!", "bm90LWEtY3Vyc29y", "Og")) {
            assertThatThrownBy(() -> store.list(new RecordQuery(null, null, bad, 10)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid cursor '" + bad + "'");
        }
    }

    @Test
    void recoverySeesOnlyThisNodesUnfinishedRecordsOldestFirst() {
        store.upsert(running(queued("a-running", T0.plusSeconds(2))));
        store.upsert(queued("a-queued", T0.plusSeconds(1)));
        store.saveTerminal(succeeded(queued("a-done", T0)));
        store.upsert(withOwner(running(queued("b-running", T0)), "node-b"));

        assertThat(store.unfinishedOwnedBy("node-a")).extracting(OperationRecord::id)
                .containsExactly("a-queued", "a-running");
        assertThat(store.unfinishedOwnedBy("node-c")).isEmpty();
    }

    @Test
    void renewingLeasesTouchesOnlyThisNodesUnfinishedRecords() {
        store.upsert(running(queued("a-running", T0)));
        store.upsert(queued("a-queued", T0));
        OperationRecord done = succeeded(queued("a-done", T0));
        store.saveTerminal(done);
        OperationRecord other = withOwner(running(queued("b-running", T0)), "node-b");
        store.upsert(other);

        Instant until = T0.plus(Duration.ofMinutes(10));
        assertThat(store.renewLeases("node-a", until)).isEqualTo(2);

        assertThat(committed("a-running")).map(OperationRecord::leaseExpiresAt).contains(until);
        assertThat(committed("a-queued")).map(OperationRecord::leaseExpiresAt).contains(until);
        assertThat(committed("a-done")).map(OperationRecord::leaseExpiresAt).contains(done.leaseExpiresAt());
        assertThat(committed("b-running")).map(OperationRecord::leaseExpiresAt).contains(other.leaseExpiresAt());
    }

    @Test
    void pruningByAgeDeletesOnlyOldFinishedRecords() {
        store.saveTerminal(finished(queued("old-done", T0), "FAILED", T0.plusSeconds(1)));
        store.saveTerminal(finished(queued("new-done", T0), "SUCCEEDED", T0.plusSeconds(100)));
        store.upsert(running(queued("old-running", T0)));
        store.flush();

        assertThat(store.prune(T0.plusSeconds(50), Long.MAX_VALUE)).isEqualTo(1);

        assertThat(committed("old-done")).isEmpty();
        assertThat(committed("new-done")).isPresent();
        assertThat(committed("old-running")).isPresent();
    }

    @Test
    void pruningByCountKeepsTheNewestFinishedRecordsAndEveryUnfinishedOne() {
        try (JdbcOperationRecordStore chunked = JdbcOperationRecordStore.builder(database.dataSource())
                .pruneChunk(40).build()) {
            for (int i = 0; i < 250; i++) {
                chunked.upsert(finished(queued("done-" + i, T0), "SUCCEEDED", T0.plusMillis(i)));
            }
            chunked.upsert(queued("queued", T0));
            chunked.upsert(running(queued("running", T0)));
            chunked.flush();

            assertThat(chunked.prune(T0, 2)).isEqualTo(248);

            RecordPage left = chunked.list(new RecordQuery(null, null, null, 10));
            assertThat(left.items()).extracting(OperationRecord::id)
                    .containsExactlyInAnyOrder("done-249", "done-248", "queued", "running");
            assertThat(chunked.prune(T0, 2)).isZero();
            assertThat(chunked.prune(T0.plusSeconds(1), 2)).isEqualTo(2);
        }
    }

    @Test
    void pruningByCountSeesTheRecordsCommittedSinceItLastCounted() {
        try (JdbcOperationRecordStore counting = JdbcOperationRecordStore.builder(database.dataSource()).build()) {
            for (int i = 0; i < 3; i++) {
                counting.upsert(finished(queued("first-" + i, T0), "SUCCEEDED", T0.plusMillis(i)));
            }
            counting.flush();
            assertThat(counting.prune(T0, 5)).isZero();
            for (int i = 0; i < 4; i++) {
                counting.upsert(finished(queued("later-" + i, T0), "FAILED", T0.plusMillis(10 + i)));
            }
            counting.flush();

            assertThat(counting.prune(T0, 5)).isEqualTo(2);
            assertThat(counting.list(new RecordQuery(null, null, null, 10)).items()).extracting(OperationRecord::id)
                    .doesNotContain("first-0", "first-1").hasSize(5);
        }
    }

    @Test
    void pruningByCountCatchesRecordsAnotherNodeWroteWithinTenPrunes() {
        try (JdbcOperationRecordStore here = JdbcOperationRecordStore.builder(database.dataSource()).build();
             JdbcOperationRecordStore otherNode = JdbcOperationRecordStore.builder(database.dataSource()).build()) {
            assertThat(here.prune(T0, 4)).isZero();
            for (int i = 0; i < 10; i++) {
                otherNode.upsert(finished(queued("other-" + i, T0), "SUCCEEDED", T0.plusMillis(i)));
            }
            otherNode.flush();

            int deleted = 0;
            for (int prune = 0; prune < 10; prune++) {
                deleted += here.prune(T0, 4);
            }
            assertThat(deleted).isEqualTo(6);
            assertThat(here.list(new RecordQuery(null, null, null, 20)).items()).hasSize(4);
        }
    }

    @Test
    void pruningByAgeWorksInChunks() {
        try (JdbcOperationRecordStore chunked = JdbcOperationRecordStore.builder(database.dataSource())
                .pruneChunk(7).build()) {
            for (int i = 0; i < 50; i++) {
                chunked.upsert(finished(queued("done-" + i, T0), "FAILED", T0.plusMillis(i)));
            }
            chunked.flush();
            assertThat(chunked.prune(T0.plusMillis(42), Long.MAX_VALUE)).isEqualTo(42);
            assertThat(chunked.list(new RecordQuery(null, null, null, 100)).items()).hasSize(8);
        }
    }

    /**
     * A model-based property over seeded random write sequences: whatever order upserts, terminal upserts,
     * saveTerminal calls and flushes come in, reads (pending or committed) equal a map where the latest
     * non-terminal write wins until the first terminal one, which is final. Fixed seeds keep failures
     * reproducible; the seed is in the assertion message.
     */
    @Test
    void randomWriteSequencesEndInTheFirstTerminalWinsState() {
        List<String> terminalStatuses = List.of("SUCCEEDED", "FAILED", "CANCELLED", "TIMED_OUT", "REJECTED");
        for (int trial = 0; trial < 25; trial++) {
            long seed = 7_000 + trial;
            Random random = new Random(seed);
            List<String> ids = List.of("t%d-a".formatted(trial), "t%d-b".formatted(trial), "t%d-c".formatted(trial));
            Map<String, OperationRecord> model = new HashMap<>();
            try (JdbcOperationRecordStore subject = JdbcOperationRecordStore.builder(database.dataSource())
                    .lanes(1 + random.nextInt(3)).maxDelay(Duration.ofMillis(random.nextInt(3))).build()) {
                for (int step = 0; step < 15; step++) {
                    String id = ids.get(random.nextInt(ids.size()));
                    OperationRecord base = queued(id, T0.plusMillis(step));
                    String terminal = terminalStatuses.get(random.nextInt(terminalStatuses.size()));
                    OperationRecord record = switch (random.nextInt(5)) {
                        case 0 -> base;
                        case 1 -> running(base);
                        default -> finished(base, terminal, T0.plusSeconds(step));
                    };
                    int action = random.nextInt(4);
                    if (action == 1) {
                        subject.flush();
                    } else {
                        if (action >= 2 && record.isTerminal()) {
                            subject.saveTerminal(record);
                        } else {
                            subject.upsert(record);
                        }
                        model.merge(id, record, (previous, next) -> previous.isTerminal() ? previous : next);
                    }
                    assertThat(subject.find(id)).as("seed %d step %d", seed, step)
                            .isEqualTo(Optional.ofNullable(model.get(id)));
                }
            }
            for (String id : ids) {
                assertThat(committed(id)).as("seed %d, committed %s", seed, id).isEqualTo(Optional.ofNullable(model.get(id)));
            }
        }
    }
}
