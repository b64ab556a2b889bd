package io.keel.server.records;

/**
 * A page request over records, newest first (keyset pagination on {@code (createdAt, id)}).
 *
 * @param status only this status, or null for all
 * @param agent  only this agent, or null for all
 * @param cursor the {@link RecordPage#nextCursor()} of the previous page, or null for the first
 * @param limit  1 to 1000
 */
public record RecordQuery(String status, String agent, String cursor, int limit) {

    public RecordQuery {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be within 1..1000, was " + limit);
        }
    }
}
