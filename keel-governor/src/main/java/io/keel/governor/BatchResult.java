package io.keel.governor;

import java.util.List;

/**
 * The outcome of {@link Governor#submitAll}: one entry per spec, in order. Each entry holds either the
 * accepted operation or the reason it was refused at the door.
 */
public record BatchResult(List<Entry> entries) {

    public BatchResult {
        entries = List.copyOf(entries);
    }

    public long acceptedCount() {
        return entries.stream().filter(Entry::accepted).count();
    }

    /** One spec's outcome: exactly one of {@code operation} and {@code rejection} is non-null. */
    public record Entry(int index, Operation<?> operation, OperationRejectedException rejection) {

        public boolean accepted() {
            return operation != null;
        }
    }
}
