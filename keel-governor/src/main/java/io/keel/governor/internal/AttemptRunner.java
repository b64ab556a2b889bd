package io.keel.governor.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

import io.keel.governor.InstanceLease;
import io.keel.governor.InstanceSelector;
import io.keel.governor.OperationContext;
import io.keel.governor.OperationInterceptor;
import io.keel.governor.OperationTask;
import io.keel.governor.RetryableException;

/**
 * Runs one attempt of an operation on the thread the governor gave it (a virtual thread for I/O agents,
 * a pool thread for CPU agents): select an instance, run the interceptor chain around the task, give the
 * lease back exactly once, give the permits back once the task has really returned, then report the
 * outcome to the governor (which ends the operation or schedules a retry).
 *
 * <p>Stateless apart from its collaborators; one instance serves every attempt.
 */
final class AttemptRunner {

    private static final System.Logger LOG = System.getLogger(AttemptRunner.class.getName());

    private final DefaultGovernor governor;
    private final InstanceSelector selector;
    private final OperationInterceptor[] interceptors;
    private final LongSupplier nanoTime;

    AttemptRunner(DefaultGovernor governor, InstanceSelector selector, List<OperationInterceptor> interceptors,
                  LongSupplier nanoTime) {
        this.governor = governor;
        this.selector = selector;
        this.interceptors = interceptors.toArray(new OperationInterceptor[0]);
        this.nanoTime = nanoTime;
    }

    <T> void run(GovernedOperation<T> op, int attempt) {
        op.bindRunner(Thread.currentThread());
        InstanceLease lease = null;
        T value = null;
        Throwable error = null;
        long start = op.attemptStartNanos;
        try {
            if (op.phase() == GovernedOperation.RUNNING) {
                lease = selector.select(op.spec);
                op.attemptStarted(attempt, lease.instanceId(), DefaultGovernor.wallAt(op, start));
                value = invoke(op.spec.task(), new AttemptContext(op, attempt, lease), 0);
            }
        } catch (Throwable t) {
            error = t;
            if (lease == null) {
                op.attemptStarted(attempt, null, DefaultGovernor.wallAt(op, start));
            }
        } finally {
            op.unbindRunner();
            Thread.interrupted(); // a late cancel must not leak into the pool thread's next task
        }
        long end = nanoTime.getAsLong();
        if (lease != null) {
            try {
                lease.release(new InstanceLease.Outcome(error == null, Duration.ofNanos(end - start), error));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "instance lease " + lease.instanceId() + " failed to release; ignored", e);
            }
        }
        governor.attemptReturned(op, attempt, value, error, end);
    }

    @SuppressWarnings("unchecked")
    private <T> T invoke(OperationTask<T> task, OperationContext ctx, int index) throws Exception {
        if (index == interceptors.length) {
            return task.run(ctx);
        }
        return (T) interceptors[index].aroundAttempt(ctx, () -> invoke(task, ctx, index + 1));
    }

    static boolean isRetryable(Throwable error) {
        Throwable t = error;
        for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) {
            if (t instanceof RetryableException) {
                return true;
            }
        }
        return false;
    }
}
