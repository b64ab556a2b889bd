package io.keel.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

class CallDeadlinesTest {

    @Test
    void callsStillRunningAtTheirDeadlineFailAndFinishedOnesAreLeftAlone() {
        CallDeadlines deadlines = new CallDeadlines(Duration.ofMillis(50).toNanos());
        List<CompletableFuture<String>> stuck = new ArrayList<>();
        List<CompletableFuture<String>> answered = new ArrayList<>();
        // several waves, so sweeps also reschedule themselves behind calls added meanwhile
        for (int wave = 0; wave < 3; wave++) {
            for (int i = 0; i < 100; i++) {
                stuck.add(deadlines.watch(new CompletableFuture<>()));
                CompletableFuture<String> ok = deadlines.watch(new CompletableFuture<>());
                ok.complete("v");
                answered.add(ok);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> stuck.stream().allMatch(CompletableFuture::isDone));
        }
        assertThat(stuck).allSatisfy(f -> assertThat(f).failsWithin(Duration.ZERO)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(TimeoutException.class));
        assertThat(answered).allSatisfy(f -> assertThat(f).isCompletedWithValue("v"));
    }

    @Test
    void aFinishedCallsResultIsNotKeptUntilItsDeadline() {
        // A deadline far away: the queue slot outlives this test, its call's result must not.
        CallDeadlines deadlines = new CallDeadlines(Duration.ofMinutes(10).toNanos());
        WeakReference<byte[]> result = watchAndFinish(deadlines);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            System.gc();
            return result.get() == null;
        });
        assertThat(result.get()).isNull();
    }

    /** Watches a call, completes it with a fresh array and drops every strong reference this side holds. */
    private static WeakReference<byte[]> watchAndFinish(CallDeadlines deadlines) {
        CompletableFuture<byte[]> call = deadlines.watch(new CompletableFuture<>());
        byte[] value = new byte[1 << 20];
        call.complete(value);
        return new WeakReference<>(value);
    }
}
