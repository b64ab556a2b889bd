package io.keel.server.operations;

import io.keel.governor.OperationInterceptor;
import io.keel.governor.OperationSnapshot;
import io.keel.server.records.OperationRecordStore;

/**
 * Makes every terminal state durable before the governor publishes it, so the API never reports a state a
 * crash could lose (DESIGN.md). Runs on the thread that ends the operation and waits for the commit; the
 * store groups concurrent commits, so the wait is one batch, not one transaction per operation.
 */
public final class DurableRecordsInterceptor implements OperationInterceptor {

    private final OperationRecordStore store;
    private final RecordMapper mapper;
    private final IdempotencyGuard idempotency;

    public DurableRecordsInterceptor(OperationRecordStore store, RecordMapper mapper, IdempotencyGuard idempotency) {
        this.store = store;
        this.mapper = mapper;
        this.idempotency = idempotency;
    }

    @Override
    public void beforeTerminalPublished(OperationSnapshot terminal) {
        try {
            store.saveTerminal(mapper.toRecord(terminal));
        } finally {
            idempotency.release((String) terminal.attributes().get(OperationAttributes.IDEMPOTENCY_KEY),
                    terminal.id());
        }
    }
}
