package io.keel.server.records;

import java.util.List;

/** One page of records, newest first; {@code nextCursor} is null on the last page. */
public record RecordPage(List<OperationRecord> items, String nextCursor) {

    public RecordPage {
        items = List.copyOf(items);
    }
}
