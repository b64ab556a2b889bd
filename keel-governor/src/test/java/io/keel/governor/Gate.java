package io.keel.governor;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A task that holds its permit until the test opens the gate; counts how many are inside. */
final class Gate {

    private final CountDownLatch open = new CountDownLatch(1);
    private final AtomicInteger inside = new AtomicInteger();

    <T> OperationTask<T> task(T value) {
        return ctx -> {
            inside.incrementAndGet();
            try {
                if (!open.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate never opened");
                }
                return value;
            } finally {
                inside.decrementAndGet();
            }
        };
    }

    int inside() {
        return inside.get();
    }

    void open() {
        open.countDown();
    }
}
