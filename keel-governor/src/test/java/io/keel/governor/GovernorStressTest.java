package io.keel.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * 10,000 operations from many threads with random timeouts, cancellations, retries, failures and slots:
 * each ends exactly once in a terminal state, and everything held comes back.
 */
class GovernorStressTest {

    private static final int OPERATIONS = 10_000;
    private static final int THREADS = 8;

    @Test
    void everyOperationEndsExactlyOnceAndNothingLeaks() throws Exception {
        ConcurrentHashMap<String, AtomicInteger> terminalCalls = new ConcurrentHashMap<>();
        OperationInterceptor counting = new OperationInterceptor() {
            @Override
            public void beforeTerminalPublished(OperationSnapshot terminal) {
                terminalCalls.computeIfAbsent(terminal.id(), k -> new AtomicInteger()).incrementAndGet();
            }
        };
        Governor governor = Governor.builder()
                .limits(Limits.defaults().withMaxConcurrency(16).withMaxConcurrencyPerAgent(8)
                        .withMemoryBudgetBytes(64 * Limits.MB).withQueueCapacity(OPERATIONS))
                .cpuThreads(2).addInterceptor(counting).listenerBufferSize(4 * OPERATIONS + 1000)
                .random(new Random(7)).build();
        RetryPolicy quick = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(4), 2.0, 1.0);
        governor.registerAgent(AgentSpec.io("io").withRetry(quick));
        governor.registerAgent(AgentSpec.cpu("cpu").withRetry(quick));
        governor.registerAgent(AgentSpec.io("slot"));
        RecordingListener listener = new RecordingListener();
        governor.subscribe(listener);

        List<Operation<?>> accepted = new CopyOnWriteArrayList<>();
        List<String> slotIds = new CopyOnWriteArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService submitters = Executors.newFixedThreadPool(THREADS);
        for (int t = 0; t < THREADS; t++) {
            submitters.execute(() -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                for (int i = 0; i < OPERATIONS / THREADS; i++) {
                    try {
                        if (r.nextInt(20) == 0) {
                            try (Slot slot = governor.acquire("slot", r.nextInt(4) * Limits.MB, "s", Duration.ofSeconds(20))) {
                                slotIds.add(slot.operationId());
                                if (r.nextBoolean()) {
                                    slot.fail(new IllegalStateException("slot block failed"));
                                }
                            }
                            continue;
                        }
                        Operation<?> op = governor.submit(randomSpec(r));
                        accepted.add(op);
                        if (r.nextInt(8) == 0) {
                            op.cancel();
                        }
                    } catch (OperationRejectedException e) {
                        refused.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        submitters.shutdown();
        assertThat(submitters.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(accepted)
                .as(() -> "still live: " + governor.stats())
                .allSatisfy(op -> assertThat(op.status().isTerminal()).as(op.snapshot().toString()).isTrue()));
        GovernorInvariants.assertQuiet(governor);

        int total = accepted.size() + slotIds.size();
        assertThat(total + refused.get()).isEqualTo(OPERATIONS);
        for (Operation<?> op : accepted) {
            assertThat(terminalCalls.get(op.id())).as("terminal calls of %s", op.id()).hasValue(1);
            assertThat(op.result()).isDone();
        }
        for (String id : slotIds) {
            assertThat(terminalCalls.get(id)).as("terminal calls of slot %s", id).hasValue(1);
        }
        assertThat(terminalCalls).hasSize(total);
        Map<OperationStatus, Long> byStatus = governor.stats().completedByStatus();
        assertThat(byStatus.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
        assertThat(byStatus.get(OperationStatus.SUCCEEDED)).isPositive();
        assertThat(byStatus.get(OperationStatus.FAILED)).isPositive();
        assertThat(byStatus.get(OperationStatus.CANCELLED)).isPositive();
        assertThat(byStatus.get(OperationStatus.TIMED_OUT)).isPositive();

        await().until(() -> listener.finished.size() == total);
        assertThat(governor.stats().droppedEvents()).isZero();
        assertThat(listener.finished.values()).allSatisfy(n -> assertThat(n).hasValue(1));
        GovernorInvariants.assertShutdownClean(governor);
    }

    private static OperationSpec<?> randomSpec(ThreadLocalRandom r) {
        String agent = r.nextInt(3) == 0 ? "cpu" : "io";
        int kind = r.nextInt(6);
        OperationTask<Object> task = switch (kind) {
            case 0 -> ctx -> {
                throw new IllegalStateException("plain failure");
            };
            case 1 -> ctx -> {
                if (r.nextBoolean()) {
                    throw new RetryableException("flaky");
                }
                return "retried ok";
            };
            case 2 -> ctx -> {
                Thread.sleep(20 + r.nextInt(30)); // outlives its timeout
                return "late";
            };
            default -> ctx -> {
                ctx.progress().percent(50);
                if (r.nextInt(4) == 0) {
                    Thread.sleep(1);
                }
                return "ok";
            };
        };
        return OperationSpec.builder(agent, task)
                .priority(r.nextInt(10))
                .estimatedBytes(r.nextInt(8) * Limits.MB)
                .idempotent(kind == 1 || r.nextBoolean())
                .timeout(kind == 2 ? Duration.ofMillis(5 + r.nextInt(10)) : Duration.ofSeconds(60))
                .build();
    }
}
