package io.keel.governor.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.keel.governor.AgentSpec;
import io.keel.governor.BatchResult;
import io.keel.governor.Governor;
import io.keel.governor.GovernorBuilder;
import io.keel.governor.GovernorStats;
import io.keel.governor.Limits;
import io.keel.governor.Operation;
import io.keel.governor.OperationListener;
import io.keel.governor.OperationSpec;
import io.keel.governor.Slot;
import io.keel.governor.Subscription;

/** Placeholder so the API compiles; the real implementation replaces this class. */
public final class DefaultGovernor implements Governor {

    public DefaultGovernor(GovernorBuilder builder) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override public void registerAgent(AgentSpec agent) { throw new UnsupportedOperationException(); }
    @Override public boolean removeAgent(String name) { throw new UnsupportedOperationException(); }
    @Override public Collection<AgentSpec> agents() { throw new UnsupportedOperationException(); }
    @Override public <T> Operation<T> submit(OperationSpec<T> spec) { throw new UnsupportedOperationException(); }
    @Override public BatchResult submitAll(List<? extends OperationSpec<?>> specs) { throw new UnsupportedOperationException(); }
    @Override public Slot acquire(String agent, long estimatedBytes, String name, Duration maxWait) { throw new UnsupportedOperationException(); }
    @Override public Optional<Operation<?>> find(String id) { throw new UnsupportedOperationException(); }
    @Override public boolean cancel(String id) { throw new UnsupportedOperationException(); }
    @Override public Subscription subscribe(OperationListener listener) { throw new UnsupportedOperationException(); }
    @Override public Limits limits() { throw new UnsupportedOperationException(); }
    @Override public void changeLimits(Limits limits) { throw new UnsupportedOperationException(); }
    @Override public GovernorStats stats() { throw new UnsupportedOperationException(); }
    @Override public boolean shutdown(Duration grace) { throw new UnsupportedOperationException(); }
    @Override public boolean isShutdown() { throw new UnsupportedOperationException(); }
    @Override public void close() { throw new UnsupportedOperationException(); }
}
