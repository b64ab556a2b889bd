package io.keel.governor;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one table of allowed status changes. Every state change in the governor goes through
 * {@link #isAllowed}; anything else is a bug, not a race to tolerate.
 *
 * <p>RUNNING → QUEUED is allowed because a retried attempt waits (backing off) as queued work does.
 * QUEUED → SUCCEEDED is allowed for operations an interceptor answers before admission (a cache hit).
 */
public final class OperationTransitions {

    private static final Map<OperationStatus, Set<OperationStatus>> ALLOWED = new EnumMap<>(OperationStatus.class);

    static {
        ALLOWED.put(OperationStatus.QUEUED, EnumSet.of(
                OperationStatus.RUNNING, OperationStatus.SUCCEEDED, OperationStatus.CANCELLED,
                OperationStatus.TIMED_OUT, OperationStatus.REJECTED, OperationStatus.FAILED));
        ALLOWED.put(OperationStatus.RUNNING, EnumSet.of(
                OperationStatus.QUEUED, OperationStatus.SUCCEEDED, OperationStatus.FAILED,
                OperationStatus.CANCELLED, OperationStatus.TIMED_OUT));
        for (OperationStatus terminal : OperationStatus.values()) {
            if (terminal.isTerminal()) {
                ALLOWED.put(terminal, EnumSet.noneOf(OperationStatus.class));
            }
        }
    }

    private OperationTransitions() {
    }

    public static boolean isAllowed(OperationStatus from, OperationStatus to) {
        return ALLOWED.get(from).contains(to);
    }

    public static Set<OperationStatus> allowedFrom(OperationStatus from) {
        return Set.copyOf(ALLOWED.get(from));
    }
}
