package io.keel.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Interceptors and the instance selector: the seams later capabilities plug into. */
class ExtensionPointsTest {

    private Governor governor;

    @AfterEach
    void tearDown() throws InterruptedException {
        GovernorInvariants.assertQuiet(governor);
        GovernorInvariants.assertShutdownClean(governor);
    }

    @Test
    void answerBeforeAdmissionSucceedsAtOnceWithoutQueueingOrCapacity() {
        OperationInterceptor cache = new OperationInterceptor() {
            @Override
            public Optional<Object> answerBeforeAdmission(OperationSpec<?> spec) {
                return "hit".equals(spec.attributes().get("key")) ? Optional.of("cached") : Optional.empty();
            }
        };
        governor = Governor.builder().addInterceptor(cache).limits(Limits.defaults().withMaxConcurrency(1).withQueueCapacity(1)).build();
        governor.registerAgent(AgentSpec.io("a"));
        Gate gate = new Gate();
        governor.submit(OperationSpec.builder("a", gate.task("slow")).build());
        governor.submit(OperationSpec.builder("a", gate.task("slow")).build()); // queue now full
        Operation<String> hit = governor.submit(OperationSpec.builder("a", ctx -> "computed").attribute("key", "hit").build());
        assertThat(hit.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(hit.result().join()).isEqualTo("cached");
        assertThat(hit.snapshot().answeredBefore()).isTrue();
        assertThat(hit.snapshot().attempts()).isEmpty();
        assertThatThrownBy(() -> governor.submit(OperationSpec.builder("nope", ctx -> 1).attribute("key", "hit").build()))
                .isInstanceOf(UnknownAgentException.class);
        gate.open();
    }

    @Test
    void interceptorsWrapEachAttemptInOrderAndSeeTerminalStateBeforeAnyoneElse() {
        List<String> trail = new CopyOnWriteArrayList<>();
        ConcurrentHashMap<String, AtomicInteger> terminalCalls = new ConcurrentHashMap<>();
        class Named implements OperationInterceptor {
            private final String name;
            private Governor seen;

            Named(String name) {
                this.name = name;
            }

            @Override
            public Object aroundAttempt(OperationContext context, AttemptInvocation attempt) throws Exception {
                trail.add(name + ">");
                Object r = attempt.proceed();
                trail.add("<" + name);
                return r;
            }

            @Override
            public void beforeTerminalPublished(OperationSnapshot terminal) {
                terminalCalls.computeIfAbsent(terminal.id(), k -> new AtomicInteger()).incrementAndGet();
                Operation<?> op = seen.find(terminal.id()).orElseThrow();
                trail.add(name + " terminal " + terminal.status() + " while visible " + op.status()
                        + " done " + op.result().isDone());
            }
        }
        Named outer = new Named("outer");
        Named inner = new Named("inner");
        governor = Governor.builder().addInterceptor(outer).addInterceptor(inner).build();
        outer.seen = governor;
        inner.seen = governor;
        governor.registerAgent(AgentSpec.io("a"));
        RecordingListener listener = new RecordingListener();
        governor.subscribe(listener);
        Operation<String> op = governor.submit(OperationSpec.builder("a", ctx -> {
            trail.add("task");
            return "v";
        }).build());
        op.result().join();
        assertThat(trail).containsExactly("outer>", "inner>", "task", "<inner", "<outer",
                "outer terminal SUCCEEDED while visible RUNNING done false",
                "inner terminal SUCCEEDED while visible RUNNING done false");
        assertThat(terminalCalls.get(op.id())).as("once per interceptor").hasValue(2);
        await().until(() -> listener.hasFinished(op.id()));
    }

    @Test
    void beforeTerminalPublishedRunsOnceEvenForCancelledAndTimedOut() {
        ConcurrentHashMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        governor = Governor.builder().addInterceptor(new OperationInterceptor() {
            @Override
            public void beforeTerminalPublished(OperationSnapshot terminal) {
                calls.computeIfAbsent(terminal.id(), k -> new AtomicInteger()).incrementAndGet();
                throw new IllegalStateException("interceptor bug is logged and ignored");
            }
        }).build();
        governor.registerAgent(AgentSpec.io("a"));
        Gate gate = new Gate();
        Operation<String> cancelled = governor.submit(OperationSpec.builder("a", gate.task("x")).build());
        Operation<String> timedOut = governor.submit(OperationSpec.builder("a", gate.task("y")).timeout(Duration.ofMillis(30)).build());
        await().until(() -> cancelled.status() == OperationStatus.RUNNING);
        cancelled.cancel();
        await().until(() -> timedOut.status() == OperationStatus.TIMED_OUT);
        gate.open();
        await().until(() -> governor.stats().running() == 0);
        assertThat(calls.get(cancelled.id())).hasValue(1);
        assertThat(calls.get(timedOut.id())).hasValue(1);
        assertThat(cancelled.status()).isEqualTo(OperationStatus.CANCELLED);
    }

    @Test
    void selectorIsAskedPerAttemptAndEachLeaseReleasedExactlyOnce() {
        AtomicInteger selected = new AtomicInteger();
        ConcurrentHashMap<String, AtomicInteger> releases = new ConcurrentHashMap<>();
        List<Boolean> outcomes = new CopyOnWriteArrayList<>();
        InstanceSelector selector = spec -> {
            String id = "node-" + selected.incrementAndGet();
            return new InstanceLease() {
                @Override
                public String instanceId() {
                    return id;
                }

                @Override
                public Object target() {
                    return id;
                }

                @Override
                public void release(Outcome outcome) {
                    releases.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    outcomes.add(outcome.succeeded());
                }
            };
        };
        governor = Governor.builder().instanceSelector(selector).build();
        governor.registerAgent(AgentSpec.io("a").withRetry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1), 1.0, 0.0)));
        AtomicInteger calls = new AtomicInteger();
        Operation<Object> op = governor.submit(OperationSpec.builder("a", ctx -> {
            if (calls.incrementAndGet() == 1) {
                throw new RetryableException("first fails");
            }
            return ctx.instance().target();
        }).idempotent(true).build());
        assertThat(op.result().join()).isEqualTo("node-2");
        assertThat(releases).containsOnlyKeys("node-1", "node-2");
        assertThat(releases.values()).allSatisfy(n -> assertThat(n).hasValue(1));
        assertThat(outcomes).containsExactly(false, true);
        assertThat(op.snapshot().attempts()).extracting(AttemptRecord::instanceId).containsExactly("node-1", "node-2");
    }

    @Test
    void noInstanceAvailableFailsTheAttemptRetryably() {
        AtomicInteger asked = new AtomicInteger();
        governor = Governor.builder().instanceSelector(spec -> {
            if (asked.incrementAndGet() == 1) {
                throw new NoInstanceAvailableException("all busy");
            }
            return InstanceSelector.local().select(spec);
        }).build();
        governor.registerAgent(AgentSpec.io("a").withRetry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1), 1.0, 0.0)));
        Operation<String> op = governor.submit(OperationSpec.builder("a", ctx -> "ran").idempotent(true).build());
        assertThat(op.result().join()).isEqualTo("ran");
        assertThat(op.snapshot().attempts().get(0).failure().type()).isEqualTo("NoInstanceAvailableException");
    }
}
