package io.keel.cache.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.keel.cache.Invalidation;
import io.keel.cache.InvalidationListener;
import io.keel.testkit.Services;

/** The PostgreSQL listening connection: it survives its backend being killed, reports the gap, and ends on close. */
class ListenerRecoveryTest {

    private String namespace;
    private JdbcSecondLevel publisher;
    private JdbcSecondLevel subscriber;
    private final List<Invalidation> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger gaps = new AtomicInteger();

    @BeforeEach
    void start() {
        Services.POSTGRES.require();
        namespace = "keeltest-" + UUID.randomUUID();
        publisher = JdbcSecondLevel.create(Databases.postgres(), namespace);
        subscriber = JdbcSecondLevel.create(Databases.postgres(), namespace,
                JdbcSecondLevel.Options.defaults().withListenPoll(Duration.ofMillis(100)));
        subscriber.subscribe(new InvalidationListener() {
            @Override
            public void onInvalidation(Invalidation invalidation) {
                seen.add(invalidation);
            }

            @Override
            public void onLinkGap() {
                gaps.incrementAndGet();
            }
        });
    }

    @AfterEach
    void stop() {
        if (publisher != null) {
            publisher.close();
            subscriber.close();
        }
    }

    @Test
    void aKilledListenerReconnectsReportsTheGapAndDeliversAgain() throws Exception {
        Invalidation before = new Invalidation("a", Invalidation.Kind.KEY, "k1", 1);
        publisher.publish(before).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(before));
        assertThat(gaps).hasValue(0);

        int pid = subscriber.listenerBackendPid();
        Databases.terminate(pid);
        await().atMost(Duration.ofSeconds(20)).until(() -> gaps.get() == 1);
        assertThat(subscriber.listenerBackendPid()).isPositive().isNotEqualTo(pid);

        Invalidation after = new Invalidation("a", Invalidation.Kind.TAG, "t", 2);
        publisher.publish(after).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(after));
        assertThat(gaps).hasValue(1);
    }

    @Test
    void closingTheLevelEndsItsListeningSession() {
        int pid = subscriber.listenerBackendPid();
        assertThat(sessionExists(pid)).isTrue();
        subscriber.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !sessionExists(pid));
        subscriber.close();
    }

    private static boolean sessionExists(int pid) {
        try (Connection c = Databases.postgres().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
