package io.keel.server.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.keel.server.records.OperationRecord;
import io.keel.server.records.OperationRecordStore;
import io.keel.server.records.RecordPage;
import io.keel.server.records.RecordQuery;

/**
 * A record store in a map, for HTTP tests that are not about the database. Follows the contract's rules
 * that matter to the server: terminal records are never overwritten, lists are newest first by
 * (createdAt, id) with an opaque cursor.
 */
public final class InMemoryRecordStore implements OperationRecordStore {

    private static final Comparator<OperationRecord> NEWEST_FIRST =
            Comparator.comparing(OperationRecord::createdAt).thenComparing(OperationRecord::id).reversed();

    private final ConcurrentHashMap<String, OperationRecord> records = new ConcurrentHashMap<>();
    public final AtomicInteger terminalWrites = new AtomicInteger();

    @Override
    public void upsert(OperationRecord record) {
        records.compute(record.id(), (id, old) -> old != null && old.isTerminal() ? old : record);
    }

    @Override
    public void saveTerminal(OperationRecord record) {
        terminalWrites.incrementAndGet();
        records.compute(record.id(), (id, old) -> old != null && old.isTerminal() ? old : record);
    }

    @Override
    public Optional<OperationRecord> find(String id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public Optional<OperationRecord> findByIdempotencyKey(String key, Instant notBefore) {
        return records.values().stream()
                .filter(r -> key.equals(r.idempotencyKey()) && !r.createdAt().isBefore(notBefore))
                .min(Comparator.comparing(OperationRecord::createdAt));
    }

    @Override
    public RecordPage list(RecordQuery query) {
        OperationRecord after = query.cursor() == null ? null : decode(query.cursor());
        List<OperationRecord> matching = records.values().stream()
                .filter(r -> query.status() == null || query.status().equals(r.status()))
                .filter(r -> query.agent() == null || query.agent().equals(r.agent()))
                .filter(r -> after == null || NEWEST_FIRST.compare(r, after) > 0)
                .sorted(NEWEST_FIRST)
                .limit(query.limit() + 1L)
                .toList();
        if (matching.size() <= query.limit()) {
            return new RecordPage(matching, null);
        }
        List<OperationRecord> page = new ArrayList<>(matching.subList(0, query.limit()));
        OperationRecord last = page.get(page.size() - 1);
        String cursor = Base64.getUrlEncoder().encodeToString(
                (last.createdAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
        return new RecordPage(page, cursor);
    }

    private static OperationRecord decode(String cursor) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad cursor '" + cursor + "'");
        }
        int bar = text.indexOf('|');
        if (bar < 0) {
            throw new IllegalArgumentException("bad cursor '" + cursor + "'");
        }
        return new OperationRecord(text.substring(bar + 1), null, null, 0, Instant.parse(text.substring(0, bar)),
                null, null, 0, null, 0, 0, null, null, null, null, null, false, null, null, null, null, 0, null);
    }

    @Override
    public List<OperationRecord> unfinishedOwnedBy(String nodeId) {
        return records.values().stream()
                .filter(r -> !r.isTerminal() && nodeId.equals(r.ownerNode()))
                .sorted(Comparator.comparing(OperationRecord::createdAt))
                .toList();
    }

    @Override
    public int renewLeases(String nodeId, Instant leaseExpiresAt) {
        return (int) unfinishedOwnedBy(nodeId).size();
    }

    @Override
    public int prune(Instant finishedBefore, long keepAtMost) {
        return 0;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    public int size() {
        return records.size();
    }
}
