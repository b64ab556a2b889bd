package io.keel.testkit;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/** Runs each task on the calling thread, so a test sees its effects as soon as the call returns. */
public final class DirectExecutor implements Executor {

    private final AtomicLong executed = new AtomicLong();

    @Override
    public void execute(Runnable task) {
        executed.incrementAndGet();
        task.run();
    }

    /** How many tasks this executor has run, for tests that assert work was (or was not) scheduled. */
    public long executedCount() {
        return executed.get();
    }
}
