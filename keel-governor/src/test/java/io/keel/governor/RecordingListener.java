package io.keel.governor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps every event it receives, and counts FINISHED per operation id. */
final class RecordingListener implements OperationListener {

    final ConcurrentLinkedQueue<OperationEvent> events = new ConcurrentLinkedQueue<>();
    final ConcurrentHashMap<String, AtomicInteger> finished = new ConcurrentHashMap<>();

    @Override
    public void onEvent(OperationEvent event) {
        events.add(event);
        if (event.type() == OperationEvent.Type.FINISHED) {
            finished.computeIfAbsent(event.snapshot().id(), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    List<OperationEvent.Type> typesOf(String id) {
        List<OperationEvent.Type> out = new ArrayList<>();
        for (OperationEvent e : events) {
            if (e.snapshot().id().equals(id)) {
                out.add(e.type());
            }
        }
        return out;
    }

    boolean hasFinished(String id) {
        return finished.containsKey(id);
    }
}
