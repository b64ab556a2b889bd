package io.keel.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

/** The post-test check: nothing held, nothing live, nothing waiting, once the work has settled. */
final class GovernorInvariants {

    private GovernorInvariants() {
    }

    static void assertQuiet(Governor governor) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            GovernorStats s = governor.stats();
            assertThat(s.running()).as("permits in use").isZero();
            assertThat(s.reservedBytes()).as("reserved bytes").isZero();
            assertThat(s.liveOperations()).as("live operations").isZero();
            assertThat(s.queued()).as("queued").isZero();
            s.perAgent().values().forEach(a -> {
                assertThat(a.running()).as("running of " + a.agent()).isZero();
                assertThat(a.queued()).as("queued of " + a.agent()).isZero();
            });
        });
    }

    /** Shuts down and checks that no platform thread the governor made is left. */
    static void assertShutdownClean(Governor governor) throws InterruptedException {
        governor.shutdown(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(governor.stats().ownedPlatformThreads()).as("owned platform threads").isZero());
    }
}
