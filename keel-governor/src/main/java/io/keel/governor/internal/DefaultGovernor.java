package io.keel.governor.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.keel.governor.AgentSpec;
import io.keel.governor.AgentStats;
import io.keel.governor.BatchResult;
import io.keel.governor.ExecutionKind;
import io.keel.governor.Governor;
import io.keel.governor.GovernorBuilder;
import io.keel.governor.GovernorShutdownException;
import io.keel.governor.GovernorStats;
import io.keel.governor.InputTooLargeException;
import io.keel.governor.InvalidOperationException;
import io.keel.governor.Limits;
import io.keel.governor.MemoryBudgetExceededException;
import io.keel.governor.Operation;
import io.keel.governor.Permit;
import io.keel.governor.OperationEvent;
import io.keel.governor.OperationFailedException;
import io.keel.governor.OperationFailure;
import io.keel.governor.OperationInterceptor;
import io.keel.governor.OperationListener;
import io.keel.governor.OperationRejectedException;
import io.keel.governor.OperationSnapshot;
import io.keel.governor.OperationSpec;
import io.keel.governor.OperationStatus;
import io.keel.governor.OperationTask;
import io.keel.governor.QueueFullException;
import io.keel.governor.RetryPolicy;
import io.keel.governor.Slot;
import io.keel.governor.Subscription;
import io.keel.governor.UnknownAgentException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The governor. It wires the pieces, each of which states its own invariants: {@link Permits} (global
 * running + bytes in one CAS), {@link AgentState} (per-agent caps), {@link Dispatcher} + {@link AgingQueue}
 * (queue, aging, head-of-line skipping), {@link GovernedOperation} (the state machine: exactly one
 * winner ends an operation), {@link AttemptRunner} (one attempt on its thread), {@link EventBus}
 * (per-listener buffers and threads), {@link AgentMeters} (Micrometer).
 *
 * <p>Life of an operation: validate at the door (refusals create nothing) → interceptors may answer it
 * (SUCCEEDED, never queued) → registered in {@code ops} with a deadline timer → fast path (nobody waiting
 * and permits free: RUNNING at once) or queue → attempt thread → success, failure, or BACKOFF and back to
 * the queue → {@link #finish}: interceptors' {@code beforeTerminalPublished}, then the terminal status
 * becomes visible, metrics, FINISHED event, result future.
 *
 * <p>Permits are released by the thread that holds them when its work really returns (attempt thread,
 * slot owner), never by a canceller: a cancelled or timed-out operation is terminal at once but keeps
 * its permits until its thread exits, so limits are never over-committed by a task ignoring interrupts.
 *
 * <p>Threads owned: the CPU pool ({@code keel-cpu-N}, {@code cpuThreads} platform threads, made on
 * demand), one timer thread ({@code keel-timer}) for deadlines and retry backoff, one virtual thread per
 * I/O attempt and per listener. All stop in {@link #shutdown}.
 */
public final class DefaultGovernor implements Governor {

    private static final System.Logger LOG = System.getLogger(DefaultGovernor.class.getName());
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final OperationTask<Void> SLOT_TASK = ctx -> null;
    /** Deadline precision: timeouts fire at most about this late. */
    private static final long DEADLINE_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long THREAD_EXIT_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final InstantSource clock;
    private final LongSupplier nanoTime;
    private final Supplier<String> ids;
    private final Random random;
    private final OperationInterceptor[] interceptors;
    private final MeterRegistry registry;
    private final OwnedThreads ownedThreads = new OwnedThreads();
    private final ThreadPoolExecutor cpuPool;
    private final ScheduledThreadPoolExecutor timer;
    private final DeadlineSweeper deadlines;
    /** Unnamed: naming each attempt's thread costs a string per operation and shows in profiles. */
    private final ThreadFactory virtualThreads = Thread.ofVirtual().factory();
    private final Permits permits;
    private final Dispatcher dispatcher;
    private final AttemptRunner attempts;
    private final EventBus bus;
    private final Map<String, AgentState> agents = new ConcurrentHashMap<>();
    private final Map<String, GovernedOperation<?>> ops = new ConcurrentHashMap<>();
    private final RecentOperations recent;
    private final LongAdder live = new LongAdder();
    private final AtomicInteger backingOff = new AtomicInteger();
    private final Map<OperationStatus, LongAdder> completed = new EnumMap<>(OperationStatus.class);
    private final ReentrantLock adminLock = new ReentrantLock();
    private final boolean timePermits;
    private volatile Limits limits;
    private volatile boolean shuttingDown;
    private volatile Boolean shutdownResult;

    public DefaultGovernor(GovernorBuilder builder) {
        this.clock = builder.clock();
        this.nanoTime = builder.nanoTime();
        this.ids = builder.idGenerator();
        this.random = builder.random();
        this.interceptors = builder.interceptors().toArray(new OperationInterceptor[0]);
        this.registry = builder.meterRegistry();
        this.limits = builder.limits();
        this.timePermits = builder.timePermits();
        this.permits = new Permits(limits);
        this.cpuPool = new ThreadPoolExecutor(builder.cpuThreads(), builder.cpuThreads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), ownedThreads.factory("keel-cpu-"));
        this.cpuPool.allowCoreThreadTimeOut(true);
        this.timer = new ScheduledThreadPoolExecutor(1, ownedThreads.named("keel-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.dispatcher = new Dispatcher(permits, nanoTime, limits.agingStep().toNanos(), this::start);
        this.attempts = new AttemptRunner(this, builder.instanceSelector(), builder.interceptors(), nanoTime);
        this.bus = new EventBus(builder.listenerBufferSize());
        this.recent = new RecentOperations(builder.recentFinished(), ops);
        this.deadlines = new DeadlineSweeper(nanoTime, ops.values(), this::deadlineReached);
        this.timer.scheduleWithFixedDelay(this::sweepDeadlines, DEADLINE_TICK_NANOS, DEADLINE_TICK_NANOS,
                TimeUnit.NANOSECONDS);
        for (OperationStatus s : OperationStatus.values()) {
            if (s.isTerminal()) {
                completed.put(s, new LongAdder());
            }
        }
        Gauge.builder("keel.governor.queued", this, g -> g.dispatcher.size() + g.backingOff.get())
                .description("Operations waiting to run").register(registry);
        Gauge.builder("keel.governor.running", permits, Permits::running)
                .description("Operations running (permits in use)").register(registry);
        Gauge.builder("keel.governor.reserved.bytes", permits, Permits::reservedBytes)
                .description("Memory budget reserved by running operations").baseUnit("bytes").register(registry);
    }

    // ---------------------------------------------------------------- agents

    @Override
    public void registerAgent(AgentSpec agent) {
        Objects.requireNonNull(agent, "agent");
        adminLock.lock();
        try {
            AgentState state = agents.get(agent.name());
            if (state == null) {
                AgentState created = new AgentState(agent, limits, new AgentMeters(registry, agent.name()));
                AgentMeters.bindPermits(registry, created);
                agents.put(agent.name(), created);
            } else {
                state.update(agent, limits);
            }
        } finally {
            adminLock.unlock();
        }
        dispatcher.drain();
    }

    @Override
    public boolean removeAgent(String name) {
        AgentState state;
        adminLock.lock();
        try {
            state = agents.remove(name);
        } finally {
            adminLock.unlock();
        }
        if (state == null) {
            return false;
        }
        OperationFailure why = new OperationFailure("rejected", "agent '" + name + "' was removed");
        for (GovernedOperation<?> op : dispatcher.removeAll(state)) {
            end(op, OperationStatus.REJECTED, why);
        }
        for (GovernedOperation<?> op : ops.values()) {
            if (op.agent == state && op.phase() == GovernedOperation.BACKOFF) {
                end(op, OperationStatus.REJECTED, why);
            }
        }
        return true;
    }

    @Override
    public Collection<AgentSpec> agents() {
        return agents.values().stream().map(AgentState::spec).toList();
    }

    // ---------------------------------------------------------------- submit

    @Override
    public <T> Operation<T> submit(OperationSpec<T> spec) {
        Objects.requireNonNull(spec, "spec");
        Limits l = limits;
        AgentState agent = agentFor(spec.agent());
        long timeoutNanos = timeoutNanos(spec.timeout(), l);
        checkAtDoor(spec, l);
        Object answer = answerBeforeAdmission(spec);
        if (answer != null) {
            return answered(spec, agent, answer, timeoutNanos);
        }
        GovernedOperation<T> op = register(spec, agent, timeoutNanos, false);
        admitNew(op, l);
        return op;
    }

    @Override
    public BatchResult submitAll(List<? extends OperationSpec<?>> specs) {
        List<BatchResult.Entry> entries = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            try {
                entries.add(new BatchResult.Entry(i, submit(specs.get(i)), null));
            } catch (OperationRejectedException e) {
                entries.add(new BatchResult.Entry(i, null, e));
            } catch (IllegalArgumentException e) {
                entries.add(new BatchResult.Entry(i, null, new InvalidOperationException(e.getMessage())));
            }
        }
        return new BatchResult(entries);
    }

    private AgentState agentFor(String name) {
        AgentState agent = agents.get(name);
        if (agent == null) {
            throw new UnknownAgentException(name);
        }
        return agent;
    }

    private static long timeoutNanos(Duration requested, Limits l) {
        if (requested == null) {
            return l.defaultTimeout().toNanos();
        }
        if (requested.compareTo(l.maxTimeout()) > 0) {
            throw new IllegalArgumentException("timeout " + requested + " exceeds maxTimeout " + l.maxTimeout());
        }
        return requested.toNanos();
    }

    private void checkAtDoor(OperationSpec<?> spec, Limits l) {
        if (spec.inputBytes() > l.maxInputBytes()) {
            throw new InputTooLargeException("input of " + spec.inputBytes() + " bytes exceeds maxInputBytes "
                    + l.maxInputBytes() + " (agent '" + spec.agent() + "')");
        }
        if (spec.estimatedBytes() > Math.min(l.memoryBudgetBytes(), Permits.MAX_BYTES)) {
            throw new MemoryBudgetExceededException("operation needs " + Diagnostics.mb(spec.estimatedBytes())
                    + " but the whole memory budget is " + Diagnostics.mb(l.memoryBudgetBytes())
                    + " (agent '" + spec.agent() + "')", null);
        }
        if (shuttingDown) {
            throw shutdownRefusal();
        }
    }

    private Object answerBeforeAdmission(OperationSpec<?> spec) {
        for (OperationInterceptor i : interceptors) {
            Optional<Object> answer = i.answerBeforeAdmission(spec);
            if (answer != null && answer.isPresent()) {
                return answer.get();
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private <T> Operation<T> answered(OperationSpec<T> spec, AgentState agent, Object answer, long timeoutNanos) {
        GovernedOperation<T> op = register(spec, agent, timeoutNanos, false);
        op.markAnsweredBefore();
        if (op.beginFinish(OperationStatus.SUCCEEDED) >= 0) {
            finish(op, OperationStatus.SUCCEEDED, (T) answer, null, null);
        }
        return op;
    }

    private <T> GovernedOperation<T> register(OperationSpec<T> spec, AgentState agent, long timeoutNanos, boolean slot) {
        String id = spec.id() != null ? spec.id() : ids.get();
        GovernedOperation<T> op = new GovernedOperation<>(this, id, spec, agent, clock.instant(),
                nanoTime.getAsLong(), timeoutNanos, slot);
        for (;;) {
            GovernedOperation<?> previous = ops.putIfAbsent(id, op);
            if (previous == null) {
                break;
            }
            if (previous.phase() != GovernedOperation.DONE) {
                throw new IllegalArgumentException("operation id '" + id + "' is already in use");
            }
            if (ops.replace(id, previous, op)) {
                break;
            }
        }
        live.increment();
        return op;
    }

    /** Fast path or queue; on refusal the operation is withdrawn as if never created, and the refusal thrown. */
    private void admitNew(GovernedOperation<?> op, Limits l) {
        if (shuttingDown) {
            withdraw(op);
            throw shutdownRefusal();
        }
        deadlines.register(op.deadlineNanos);
        if (tryFastPath(op)) {
            return;
        }
        Dispatcher.Enqueued outcome = dispatcher.enqueue(op, l.queueCapacity(), this::queuedEvent);
        if (outcome == Dispatcher.Enqueued.FULL) {
            withdraw(op);
            throw new QueueFullException(Diagnostics.queueFull(op.agent, l, dispatcher.size(), permits), RETRY_AFTER);
        }
        if (outcome == Dispatcher.Enqueued.CLOSED) {
            withdraw(op);
            throw shutdownRefusal();
        }
    }

    private boolean tryFastPath(GovernedOperation<?> op) {
        if (dispatcher.size() != 0 || permits.tryAcquire(op.agent, op.spec.estimatedBytes()) != Permits.OK) {
            return false;
        }
        if (op.casPhase(GovernedOperation.QUEUED, GovernedOperation.RUNNING)) {
            queuedEvent(op);
            start(op);
        } else {
            release(op);
        }
        return true;
    }

    /** Takes back an operation refused after registration: it never existed for anyone but a racing find(). */
    private void withdraw(GovernedOperation<?> op) {
        if (op.beginFinish(OperationStatus.REJECTED) >= 0) {
            op.setOutcome(null, new OperationFailure("rejected", "refused at admission"), op.createdAt);
            op.publishTerminal(OperationStatus.REJECTED);
            live.decrement();
            ops.remove(op.id, op);
            op.future.completeExceptionally(new OperationFailedException(op.snapshot(), null));
        }
    }

    private GovernorShutdownException shutdownRefusal() {
        return new GovernorShutdownException("governor is shutting down and admits nothing new", RETRY_AFTER);
    }

    // ---------------------------------------------------------------- running

    /** Called with the operation RUNNING and its permits held (dispatcher or fast path). */
    private void start(GovernedOperation<?> op) {
        int attempt = op.attemptCount + 1;
        op.attemptCount = attempt;
        long now = nanoTime.getAsLong();
        op.attemptStartNanos = now;
        if (op.startedAt() == null) {
            op.startedNanos = now;
            op.markStarted(wallAt(op, now));
            op.agent.meters().queueWait(now - op.createdNanos);
        }
        publish(op, OperationEvent.Type.STARTED);
        if (op.slot) {
            op.attemptStarted(1, "local", wallAt(op, now));
            Thread waiter = op.slotWaiter;
            if (waiter != null) {
                LockSupport.unpark(waiter);
            }
            return;
        }
        Runnable run = () -> attempts.run(op, attempt);
        try {
            if (op.agent.spec().kind() == ExecutionKind.CPU) {
                cpuPool.execute(run);
            } else {
                virtualThreads.newThread(run).start();
            }
        } catch (RejectedExecutionException | OutOfMemoryError e) {
            release(op);
            end(op, OperationStatus.FAILED, OperationFailure.of(e));
        }
    }

    /** The attempt's thread has returned; the lease is already released. */
    <T> void attemptReturned(GovernedOperation<T> op, int attempt, T value, Throwable error, long endNanos) {
        op.attemptEnded(wallAt(op, endNanos), error == null ? null : OperationFailure.of(error));
        release(op);
        if (error == null) {
            if (op.beginFinish(OperationStatus.SUCCEEDED) >= 0) {
                finish(op, OperationStatus.SUCCEEDED, value, null, null, endNanos);
            }
            return;
        }
        RetryPolicy policy = op.agent.spec().retry();
        if (op.spec.idempotent() && attempt < policy.maxAttempts() && !shuttingDown
                && AttemptRunner.isRetryable(error)) {
            backingOff.incrementAndGet();
            if (op.casPhase(GovernedOperation.RUNNING, GovernedOperation.BACKOFF)) {
                publish(op, OperationEvent.Type.RETRYING);
                long delay = Backoff.delayNanos(policy, attempt + 1, random);
                try {
                    op.backoffTask = timer.schedule(() -> resume(op), delay, TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    end(op, OperationStatus.REJECTED, new OperationFailure("rejected", "governor shut down"));
                }
                return;
            }
            backingOff.decrementAndGet();
        }
        if (op.beginFinish(OperationStatus.FAILED) >= 0) {
            finish(op, OperationStatus.FAILED, null, OperationFailure.of(error), error, endNanos);
        }
    }

    private void resume(GovernedOperation<?> op) {
        if (!op.casPhase(GovernedOperation.BACKOFF, GovernedOperation.QUEUED)) {
            return;
        }
        backingOff.decrementAndGet();
        if (tryFastPath(op)) {
            return;
        }
        if (dispatcher.enqueue(op, 0, this::queuedEvent) == Dispatcher.Enqueued.CLOSED) {
            end(op, OperationStatus.REJECTED, new OperationFailure("rejected", "governor shut down"));
        }
    }

    private void release(GovernedOperation<?> op) {
        permits.release(op.agent, op.spec.estimatedBytes());
        dispatcher.drainIfWaiting();
    }

    // ---------------------------------------------------------------- deadlines

    private void sweepDeadlines() {
        try {
            deadlines.sweep();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "deadline sweep failed; will try again next tick", e); // must not kill the timer
        }
    }

    private void deadlineReached(GovernedOperation<?> op) {
        end(op, OperationStatus.TIMED_OUT, new OperationFailure("timeout",
                "timed out after " + Duration.ofNanos(op.deadlineNanos - op.createdNanos)));
    }

    private static void cancelTimer(Future<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    // ---------------------------------------------------------------- ending

    /** Ends an operation from outside its attempt: cancel, timeout, shutdown, agent removal. */
    boolean end(GovernedOperation<?> op, OperationStatus status, OperationFailure why) {
        int from = op.beginFinish(status);
        if (from < 0) {
            return false;
        }
        switch (from) {
            case GovernedOperation.QUEUED -> dispatcher.remove(op);
            case GovernedOperation.BACKOFF -> {
                backingOff.decrementAndGet();
                cancelTimer(op.backoffTask);
            }
            default -> {
                op.interruptRunner();
                op.attemptEnded(wallAt(op, nanoTime.getAsLong()), why);
            }
        }
        finish(op, status, null, why, null);
        Thread waiter = op.slotWaiter;
        if (waiter != null) {
            LockSupport.unpark(waiter);
        }
        return true;
    }

    /** Publishes the terminal state; only the winner of {@code beginFinish} calls this, exactly once. */
    private <T> void finish(GovernedOperation<T> op, OperationStatus status, T value, OperationFailure why,
                            Throwable cause) {
        finish(op, status, value, why, cause, nanoTime.getAsLong());
    }

    private <T> void finish(GovernedOperation<T> op, OperationStatus status, T value, OperationFailure why,
                            Throwable cause, long atNanos) {
        Instant at = wallAt(op, atNanos);
        op.setOutcome(value, why, at);
        if (status == OperationStatus.SUCCEEDED) {
            op.markSucceeded();
        }
        OperationSnapshot terminal = op.snapshot(status);
        for (OperationInterceptor i : interceptors) {
            try {
                i.beforeTerminalPublished(terminal);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "interceptor " + i + " failed before publishing " + op.id + "; ignored", e);
            }
        }
        op.publishTerminal(status);
        live.decrement();
        completed.get(status).increment();
        op.agent.completed();
        AgentMeters meters = op.agent.meters();
        meters.completed(status);
        if (op.startedAt() != null) {
            meters.duration(atNanos - op.startedNanos);
        }
        recent.add(op);
        if (!bus.isEmpty() && op.mayPublish(true)) {
            bus.publish(new OperationEvent(OperationEvent.Type.FINISHED, terminal, at));
        }
        if (status == OperationStatus.SUCCEEDED) {
            op.future.complete(value);
        } else {
            op.future.completeExceptionally(new OperationFailedException(terminal, cause));
        }
    }

    // ---------------------------------------------------------------- events

    private void queuedEvent(GovernedOperation<?> op) {
        if (!bus.isEmpty()) {
            publishNow(op, OperationEvent.Type.QUEUED, OperationStatus.QUEUED);
        }
    }

    private void publish(GovernedOperation<?> op, OperationEvent.Type type) {
        if (!bus.isEmpty()) {
            publishNow(op, type, op.status());
        }
    }

    private void publishNow(GovernedOperation<?> op, OperationEvent.Type type, OperationStatus status) {
        if (status.isTerminal()) {
            return; // only finish() publishes a terminal snapshot, as FINISHED
        }
        OperationEvent event = new OperationEvent(type, op.snapshot(status), wallAt(op, nanoTime.getAsLong()));
        if (op.mayPublish(false)) {
            bus.publish(event);
        }
    }

    void progressed(GovernedOperation<?> op) {
        publish(op, OperationEvent.Type.PROGRESS);
    }

    @Override
    public Subscription subscribe(OperationListener listener) {
        return bus.subscribe(Objects.requireNonNull(listener, "listener"));
    }

    // ---------------------------------------------------------------- slots

    @Override
    public Slot acquire(String agentName, long estimatedBytes, String name, Duration maxWait) throws InterruptedException {
        Objects.requireNonNull(maxWait, "maxWait");
        Limits l = limits;
        AgentState agent = agentFor(agentName);
        OperationSpec<Void> spec = OperationSpec.builder(agentName, SLOT_TASK)
                .name(name == null ? agentName : name).estimatedBytes(estimatedBytes).build();
        checkAtDoor(spec, l);
        GovernedOperation<Void> op = register(spec, agent, l.defaultTimeout().toNanos(), true);
        admitNew(op, l);
        op.slotWaiter = Thread.currentThread(); // set after admission so a fast-path grant leaves no stray unpark
        long waitUntil = 0;
        long realDeadline = 0;
        for (int round = 0; ; round++) {
            if (op.wasGranted()) {
                op.slotWaiter = null;
                return new GovernorSlot(this, op);
            }
            if (op.isEnded()) {
                throw slotRefusal(op, l);
            }
            if (Thread.interrupted()) {
                end(op, OperationStatus.CANCELLED, new OperationFailure("cancelled", "interrupted while waiting"));
                if (op.wasGranted()) {
                    slotClosed(op, null);
                }
                throw new InterruptedException("interrupted while waiting for a slot of agent '" + agentName + "'");
            }
            if (round == 0) { // the clock is read only when the slot was not granted at once
                waitUntil = nanoTime.getAsLong() + maxWait.toNanos();
                realDeadline = System.nanoTime() + maxWait.toNanos();
            }
            long left = Math.min(waitUntil - nanoTime.getAsLong(), realDeadline - System.nanoTime());
            if (left <= 0) {
                if (end(op, OperationStatus.REJECTED, new OperationFailure("rejected",
                        "no slot free within " + maxWait))) {
                    throw new QueueFullException("no slot of agent '" + agentName + "' within " + maxWait + ": "
                            + Diagnostics.state(agent, l, dispatcher.size(), permits), RETRY_AFTER);
                }
                continue;
            }
            LockSupport.parkNanos(this, left);
        }
    }

    private OperationRejectedException slotRefusal(GovernedOperation<?> op, Limits l) {
        if (shuttingDown) {
            return shutdownRefusal();
        }
        return new QueueFullException("slot of agent '" + op.agent.name() + "' ended " + op.status()
                + " while waiting: " + Diagnostics.state(op.agent, l, dispatcher.size(), permits), RETRY_AFTER);
    }

    void slotClosed(GovernedOperation<?> op, Throwable failure) {
        long now = nanoTime.getAsLong();
        op.attemptEnded(wallAt(op, now), failure == null ? null : OperationFailure.of(failure));
        release(op);
        OperationStatus status = failure == null ? OperationStatus.SUCCEEDED : OperationStatus.FAILED;
        if (op.beginFinish(status) >= 0) {
            finish(op, status, null, failure == null ? null : OperationFailure.of(failure), failure, now);
        }
    }

    // ---------------------------------------------------------------- bare permits

    @Override
    public Permit tryAcquirePermit(String agentName, long estimatedBytes) {
        AgentState agent = agentFor(agentName);
        if (estimatedBytes < 0) {
            throw new IllegalArgumentException("estimatedBytes must not be negative, was " + estimatedBytes);
        }
        if (shuttingDown || dispatcher.size() != 0 || permits.tryAcquire(agent, estimatedBytes) != Permits.OK) {
            dispatcher.drainIfWaiting(); // a failed try may have held an agent permit for a moment
            return null;
        }
        agent.permitGranted();
        return new LightPermit(this, agent, estimatedBytes, timePermits ? nanoTime.getAsLong() : 0L);
    }

    void permitClosed(AgentState agent, long bytes, long startNanos) {
        if (timePermits) {
            agent.permitTimed(nanoTime.getAsLong() - startNanos);
        }
        permits.release(agent, bytes);
        dispatcher.drainIfWaiting();
    }

    // ---------------------------------------------------------------- queries

    @Override
    public Optional<Operation<?>> find(String id) {
        return Optional.ofNullable(ops.get(id));
    }

    @Override
    public boolean cancel(String id) {
        GovernedOperation<?> op = ops.get(id);
        return op != null && op.cancel();
    }

    @Override
    public Limits limits() {
        return limits;
    }

    @Override
    public void changeLimits(Limits newLimits) {
        Objects.requireNonNull(newLimits, "limits");
        adminLock.lock();
        try {
            limits = newLimits;
            permits.limits(newLimits);
            for (AgentState a : agents.values()) {
                a.update(a.spec(), newLimits);
            }
            dispatcher.agingStep(newLimits.agingStep().toNanos());
        } finally {
            adminLock.unlock();
        }
        dispatcher.drain();
    }

    @Override
    public GovernorStats stats() {
        Map<OperationStatus, Long> byStatus = new EnumMap<>(OperationStatus.class);
        completed.forEach((s, n) -> byStatus.put(s, n.sum()));
        Map<String, AgentStats> perAgent = new HashMap<>();
        agents.forEach((name, a) -> perAgent.put(name, a.stats()));
        return new GovernorStats(permits.running(), dispatcher.size() + Math.max(0, backingOff.get()),
                permits.reservedBytes(), (int) live.sum(), byStatus, perAgent, ownedThreads.alive(),
                bus.droppedEvents(), limits);
    }

    /**
     * Wall time of a moment on the monotonic clock: the creation instant plus the monotonic time since. One
     * wall-clock read per operation (reading it is a system call on some hosts), and records never go
     * backwards when the wall clock is adjusted.
     */
    static Instant wallAt(GovernedOperation<?> op, long nanos) {
        return op.createdAt.plusNanos(nanos - op.createdNanos);
    }

    LongSupplier nanoTime() {
        return nanoTime;
    }

    // ---------------------------------------------------------------- shutdown

    @Override
    public boolean shutdown(Duration grace) throws InterruptedException {
        Objects.requireNonNull(grace, "grace");
        adminLock.lockInterruptibly();
        try {
            if (shutdownResult != null) {
                return shutdownResult;
            }
            shuttingDown = true;
            OperationFailure rejected = new OperationFailure("rejected", "governor shut down before it started");
            for (GovernedOperation<?> op : dispatcher.close()) {
                end(op, OperationStatus.REJECTED, rejected);
            }
            for (GovernedOperation<?> op : ops.values()) {
                if (op.phase() == GovernedOperation.BACKOFF) {
                    end(op, OperationStatus.REJECTED, rejected);
                }
            }
            boolean inGrace = awaitQuiet(System.nanoTime() + grace.toNanos());
            if (!inGrace) {
                OperationFailure cancelled = new OperationFailure("cancelled", "governor shut down after a grace of " + grace);
                for (GovernedOperation<?> op : ops.values()) {
                    end(op, OperationStatus.CANCELLED, cancelled);
                }
                awaitQuiet(System.nanoTime() + THREAD_EXIT_WAIT_NANOS);
            }
            cpuPool.shutdownNow();
            timer.shutdownNow();
            cpuPool.awaitTermination(1, TimeUnit.SECONDS);
            timer.awaitTermination(1, TimeUnit.SECONDS);
            ownedThreads.joinAll(TimeUnit.SECONDS.toNanos(1));
            bus.shutdown(TimeUnit.SECONDS.toNanos(2));
            shutdownResult = inGrace;
            return inGrace;
        } finally {
            adminLock.unlock();
        }
    }

    /** Waits until nothing runs and nothing is live, or the deadline (System.nanoTime) passes. */
    private boolean awaitQuiet(long deadline) throws InterruptedException {
        while (permits.running() > 0 || live.sum() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }

    @Override
    public boolean isShutdown() {
        return shuttingDown;
    }

    @Override
    public void close() {
        try {
            shutdown(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
