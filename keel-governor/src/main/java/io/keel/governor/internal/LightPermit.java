package io.keel.governor.internal;

import io.keel.governor.Permit;

/**
 * A bare permit (see {@link Permit}): acquisition was one CAS on the agent count and one on the packed
 * global state; release is two atomic decrements plus a volatile read of the queue size. Not thread-safe
 * by design (one owner closes it once); {@code closed} only makes a second close from that owner harmless.
 */
final class LightPermit implements Permit {

    private final DefaultGovernor governor;
    private final AgentState agent;
    private final long bytes;
    private final long startNanos;
    private boolean closed;

    LightPermit(DefaultGovernor governor, AgentState agent, long bytes, long startNanos) {
        this.governor = governor;
        this.agent = agent;
        this.bytes = bytes;
        this.startNanos = startNanos;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            governor.permitClosed(agent, bytes, startNanos);
        }
    }
}
