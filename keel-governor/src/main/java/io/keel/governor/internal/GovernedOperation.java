package io.keel.governor.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import io.keel.governor.AttemptRecord;
import io.keel.governor.Operation;
import io.keel.governor.OperationFailure;
import io.keel.governor.OperationSnapshot;
import io.keel.governor.OperationSpec;
import io.keel.governor.OperationStatus;
import io.keel.governor.OperationTransitions;
import io.keel.governor.Progress;

/**
 * One operation's state machine, and its public handle.
 *
 * <p>Internal phases (one volatile int, changed only by CAS):
 * <pre>
 *   QUEUED ──dispatch──▶ RUNNING ──retryable failure──▶ BACKOFF ──timer──▶ QUEUED
 *     │                    │                              │
 *     └──────────┬─────────┴──────────────┬───────────────┘
 *          FINISHING_QUEUED        FINISHING_RUNNING   (the one winner of {@link #beginFinish})
 *                └──────────┬─────────────┘
 *                          DONE   (terminal status visible)
 * </pre>
 * The visible {@link #status()} is derived: BACKOFF shows as QUEUED (a retry waits like queued work) and
 * the FINISHING phases still show the status before them, so the terminal state becomes visible only
 * when the finisher sets DONE, after the interceptors' {@code beforeTerminalPublished} ran. Exactly one
 * thread wins {@link #beginFinish} (CAS), which is what makes "exactly one terminal state" hold against
 * racing completion, cancellation, timeout and shutdown. Every move is also checked against
 * {@link OperationTransitions}.
 *
 * <p>Resources: permits are held from dispatch until the attempt's thread has really returned (or the
 * slot is closed), independent of when the operation became terminal, so limits are never
 * over-committed by a task that ignores interruption.
 *
 * <p>The monitor of this object guards only short, non-blocking sections: the runner thread reference
 * (so an interrupt can never hit a pool thread after it moved on to other work), the attempt list, and
 * event ordering (nothing is published after FINISHED).
 */
final class GovernedOperation<T> extends QueueNode implements Operation<T> {

    static final int QUEUED = 0;
    static final int RUNNING = 1;
    static final int BACKOFF = 2;
    static final int FINISHING_QUEUED = 3;
    static final int FINISHING_RUNNING = 4;
    static final int DONE = 5;

    private static final VarHandle PHASE;

    static {
        try {
            PHASE = MethodHandles.lookup().findVarHandle(GovernedOperation.class, "phase", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final String id;
    final OperationSpec<T> spec;
    final AgentState agent;
    final Instant createdAt;
    final long createdNanos;
    final Instant deadline;
    final long deadlineNanos;
    final boolean slot;
    /** Made on first report: most operations never report, and a tracker per operation is measurable garbage. */
    private volatile ProgressTracker progress;
    private volatile boolean succeeded;
    final CompletableFuture<T> future = new CompletableFuture<>();
    private final DefaultGovernor governor;

    private volatile int phase = QUEUED;
    private volatile OperationStatus terminalStatus;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile T result;
    private volatile OperationFailure failure;
    private volatile boolean answeredBefore;
    private volatile List<AttemptRecord> attempts = List.of();
    volatile Future<?> backoffTask;
    /** Start of the first attempt, for the duration timer; written once by the dispatcher. */
    volatile long startedNanos;
    /** When the current attempt was dispatched; written before its thread starts. */
    volatile long attemptStartNanos;
    /** Attempts dispatched so far; written by the dispatcher before the attempt thread starts. */
    volatile int attemptCount;
    /** For slots: the thread waiting in acquire, woken when the slot is granted or the operation ends. */
    volatile Thread slotWaiter;

    /** Whether the winner of {@link #beginFinish} found it RUNNING (a granted slot must still be released). */
    private volatile boolean endedFromRunning;
    private Thread runner;
    private boolean finishedEventSent;

    GovernedOperation(DefaultGovernor governor, String id, OperationSpec<T> spec, AgentState agent, Instant createdAt,
                      long createdNanos, long timeoutNanos, boolean slot) {
        this.governor = governor;
        this.id = id;
        this.spec = spec;
        this.agent = agent;
        this.createdAt = createdAt;
        this.createdNanos = createdNanos;
        this.deadline = createdAt.plusNanos(timeoutNanos);
        this.deadlineNanos = createdNanos + timeoutNanos;
        this.slot = slot;
    }

    // ---- phases ----

    int phase() {
        return phase;
    }

    boolean casPhase(int from, int to) {
        return PHASE.compareAndSet(this, from, to);
    }

    /**
     * Claims the right to end this operation.
     *
     * @return the phase it was in (QUEUED, RUNNING or BACKOFF), or -1 when someone else already ends it
     */
    int beginFinish(OperationStatus terminal) {
        for (;;) {
            int p = phase;
            int next;
            switch (p) {
                case QUEUED, BACKOFF -> next = FINISHING_QUEUED;
                case RUNNING -> next = FINISHING_RUNNING;
                default -> {
                    return -1;
                }
            }
            checkTransition(visible(p), terminal);
            if (PHASE.compareAndSet(this, p, next)) {
                endedFromRunning = p == RUNNING;
                return p;
            }
        }
    }

    /** Makes the terminal state visible; only the winner of {@link #beginFinish} calls this. */
    void publishTerminal(OperationStatus status) {
        terminalStatus = status;
        phase = DONE;
    }

    /** True while, or after, this operation held a running slot that its owner must give back. */
    boolean wasGranted() {
        int p = phase;
        return p == RUNNING || p == FINISHING_RUNNING || (p == DONE && endedFromRunning);
    }

    boolean isEnded() {
        return phase >= FINISHING_QUEUED;
    }

    static void checkTransition(OperationStatus from, OperationStatus to) {
        if (from != to && !OperationTransitions.isAllowed(from, to)) {
            throw new IllegalStateException("illegal operation transition " + from + " -> " + to);
        }
    }

    private OperationStatus visible(int p) {
        return switch (p) {
            case QUEUED, BACKOFF, FINISHING_QUEUED -> OperationStatus.QUEUED;
            case RUNNING, FINISHING_RUNNING -> OperationStatus.RUNNING;
            default -> terminalStatus;
        };
    }

    // ---- facts set along the way ----

    void markStarted(Instant at) {
        if (startedAt == null) {
            startedAt = at;
        }
    }

    void setOutcome(T value, OperationFailure why, Instant at) {
        result = value;
        failure = why;
        finishedAt = at;
    }

    void markAnsweredBefore() {
        answeredBefore = true;
    }

    Instant startedAt() {
        return startedAt;
    }

    T resultValue() {
        return result;
    }

    synchronized void attemptStarted(int number, String instanceId, Instant at) {
        AttemptRecord started = new AttemptRecord(number, instanceId, at, null, null);
        List<AttemptRecord> current = attempts;
        if (current.isEmpty()) {
            attempts = List.of(started);
            return;
        }
        List<AttemptRecord> next = new ArrayList<>(current.size() + 1);
        next.addAll(current);
        next.add(started);
        attempts = List.copyOf(next);
    }

    /** Closes the open attempt, if any (an attempt cut off by cancellation is closed by the finisher first). */
    synchronized void attemptEnded(Instant at, OperationFailure why) {
        List<AttemptRecord> current = attempts;
        if (current.isEmpty()) {
            return;
        }
        AttemptRecord last = current.get(current.size() - 1);
        if (last.finishedAt() != null) {
            return;
        }
        AttemptRecord ended = new AttemptRecord(last.number(), last.instanceId(), last.startedAt(), at, why);
        if (current.size() == 1) {
            attempts = List.of(ended);
            return;
        }
        List<AttemptRecord> next = new ArrayList<>(current);
        next.set(next.size() - 1, ended);
        attempts = List.copyOf(next);
    }

    // ---- the running thread ----

    synchronized void bindRunner(Thread t) {
        runner = t;
    }

    synchronized void unbindRunner() {
        runner = null;
    }

    synchronized void interruptRunner() {
        if (runner != null) {
            runner.interrupt();
        }
    }

    /** @return false once FINISHED went out: later events of this operation are dropped, so FINISHED stays last */
    synchronized boolean mayPublish(boolean finished) {
        if (finishedEventSent) {
            return false;
        }
        if (finished) {
            finishedEventSent = true;
        }
        return true;
    }

    // ---- Operation ----

    @Override
    public String id() {
        return id;
    }

    @Override
    public String agent() {
        return spec.agent();
    }

    @Override
    public OperationStatus status() {
        return visible(phase);
    }

    @Override
    public Progress progress() {
        ProgressTracker t = progress;
        if (t != null) {
            return t.current();
        }
        return succeeded ? Progress.DONE : Progress.NONE;
    }

    ProgressTracker tracker() {
        ProgressTracker t = progress;
        if (t == null) {
            synchronized (this) {
                t = progress;
                if (t == null) {
                    t = new ProgressTracker(governor.nanoTime(), () -> governor.progressed(this));
                    progress = t;
                }
            }
        }
        return t;
    }

    /** Success shows 100% with nothing left, keeping the last step for the record. */
    void markSucceeded() {
        succeeded = true;
        ProgressTracker t = progress;
        if (t != null) {
            t.complete();
        }
    }

    @Override
    public OperationSnapshot snapshot() {
        return snapshot(status());
    }

    OperationSnapshot snapshot(OperationStatus status) {
        return new OperationSnapshot(id, spec.agent(), spec.name(), status, spec.priority(), createdAt, startedAt,
                finishedAt, deadline, progress(), attempts,
                status == OperationStatus.SUCCEEDED ? result : null,
                status.isTerminal() ? failure : null, answeredBefore, spec.attributes());
    }

    @Override
    public CompletableFuture<T> result() {
        return future;
    }

    @Override
    public boolean cancel() {
        return governor.end(this, OperationStatus.CANCELLED, new OperationFailure("cancelled", "cancelled by request"));
    }

    @Override
    public String toString() {
        return "Operation[" + id + ", " + spec.agent() + ", " + status() + "]";
    }
}
