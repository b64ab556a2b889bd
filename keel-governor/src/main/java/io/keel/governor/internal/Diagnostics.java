package io.keel.governor.internal;

import java.util.Locale;

import io.keel.governor.Limits;

/** Refusal messages that snapshot the state which caused them (HikariCP style), so an operator can act on them. */
final class Diagnostics {

    private Diagnostics() {
    }

    static String queueFull(AgentState agent, Limits l, int queued, Permits permits) {
        return "agent '" + agent.name() + "' queue full (capacity=" + l.queueCapacity() + ", "
                + counts(agent, l, queued, permits) + ")";
    }

    static String state(AgentState agent, Limits l, int queued, Permits permits) {
        return "(" + counts(agent, l, queued, permits) + ")";
    }

    private static String counts(AgentState agent, Limits l, int queued, Permits permits) {
        return "queued=" + queued + ", running=" + permits.running() + "/" + l.maxConcurrency()
                + ", agent running=" + agent.running() + "/" + agent.cap()
                + ", reserved=" + mbValue(permits.reservedBytes()) + "/" + mb(l.memoryBudgetBytes());
    }

    static String mb(long bytes) {
        return mbValue(bytes) + " MB";
    }

    private static String mbValue(long bytes) {
        double mb = bytes / (double) Limits.MB;
        return mb == Math.rint(mb) ? Long.toString((long) mb) : String.format(Locale.ROOT, "%.1f", mb);
    }
}
