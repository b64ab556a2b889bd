package io.keel.server.operations;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.keel.governor.Governor;
import io.keel.governor.Operation;
import io.keel.governor.OperationEvent;
import io.keel.governor.OperationListener;
import io.keel.server.records.OperationRecordStore;

/**
 * Keeps the records of live operations up to date (RUNNING, retries, progress), so that a restart can find
 * them; the first QUEUED record is written by {@link OperationService} when it accepts the operation. Writes are batched by the store and may be lost in a crash; terminal states are not written here
 * but by {@link DurableRecordsInterceptor}, synchronously.
 *
 * <p>Runs on the governor's delivery thread, so it may fall behind: an event for an operation that has
 * already ended is skipped (its terminal record is written), and progress is written at most once per
 * {@code progressInterval} per operation. The map of last writes only holds live operations.
 */
public final class RecordWriter implements OperationListener {

    private final Governor governor;
    private final OperationRecordStore store;
    private final RecordMapper mapper;
    private final LongSupplier nanoTime;
    private final long progressIntervalNanos;
    private final ConcurrentHashMap<String, Long> lastProgressWrite = new ConcurrentHashMap<>();

    public RecordWriter(Governor governor, OperationRecordStore store, RecordMapper mapper, LongSupplier nanoTime,
                        Duration progressInterval) {
        this.governor = governor;
        this.store = store;
        this.mapper = mapper;
        this.nanoTime = nanoTime;
        this.progressIntervalNanos = progressInterval.toNanos();
    }

    @Override
    public void onEvent(OperationEvent event) {
        String id = event.snapshot().id();
        switch (event.type()) {
            case FINISHED -> lastProgressWrite.remove(id);
            // written by the submit path already, as soon as the operation was accepted
            case QUEUED -> { }
            case PROGRESS -> {
                long now = nanoTime.getAsLong();
                Long last = lastProgressWrite.get(id);
                if (last == null || now - last >= progressIntervalNanos) {
                    lastProgressWrite.put(id, now);
                    writeIfLive(event);
                }
            }
            default -> writeIfLive(event);
        }
    }

    private void writeIfLive(OperationEvent event) {
        boolean live = governor.find(event.snapshot().id())
                .map(Operation::status)
                .map(status -> !status.isTerminal())
                .orElse(false);
        if (live) {
            store.upsert(mapper.toRecord(event.snapshot()));
        }
    }
}
