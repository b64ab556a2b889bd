package io.keel.server.operations;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.keel.governor.OperationEvent;
import io.keel.governor.OperationListener;

/**
 * Routes the governor's events to whoever watches one operation (SSE streams). One governor subscription
 * for all watchers; an event for an unwatched operation costs one map lookup.
 *
 * <p>Watchers must not block: they are called on the governor's delivery thread. The map holds only
 * operations someone watches; the last watcher to leave removes the entry.
 */
public final class OperationEventHub implements OperationListener {

    private final ConcurrentHashMap<String, CopyOnWriteArrayList<Consumer<OperationEvent>>> watchers =
            new ConcurrentHashMap<>();

    @Override
    public void onEvent(OperationEvent event) {
        var list = watchers.get(event.snapshot().id());
        if (list != null) {
            list.forEach(watcher -> watcher.accept(event));
        }
    }

    /** Starts delivering the events of {@code id} to {@code watcher}; close the result to stop. */
    public AutoCloseable watch(String id, Consumer<OperationEvent> watcher) {
        watchers.compute(id, (k, list) -> {
            var present = list == null ? new CopyOnWriteArrayList<Consumer<OperationEvent>>() : list;
            present.add(watcher);
            return present;
        });
        return () -> watchers.computeIfPresent(id, (k, list) -> {
            list.remove(watcher);
            return list.isEmpty() ? null : list;
        });
    }

    public int watchedOperations() {
        return watchers.size();
    }
}
