package io.keel.cache.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.keel.cache.Invalidation;
import io.keel.cache.InvalidationListener;
import io.keel.cache.SecondLevel;
import io.keel.testkit.Services;

/** How writes are announced beyond the contract: payload limits on PostgreSQL, the in-process bus on H2. */
class AnnouncementTest {

    private static final Duration TTL = Duration.ofMinutes(5);

    @Test
    void aBatchTooBigForOneNotificationIsAnnouncedInSeveral() throws Exception {
        Services.POSTGRES.require();
        DataSource ds = Databases.postgres();
        String namespace = "keeltest-" + UUID.randomUUID();
        List<Invalidation> seen = new CopyOnWriteArrayList<>();
        try (JdbcSecondLevel level = JdbcSecondLevel.create(ds, namespace)) {
            level.subscribe(collector(seen));
            List<SecondLevel.Write> writes = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 1500; i++) {
                String key = "order:" + i + ":line-item-with-a-longish-key";
                keys.add(key);
                writes.add(new SecondLevel.Write(key, bytes("v"), 100 + i, Set.of(), TTL));
            }
            assertThat(level.putAll(writes, "node-a").get(30, TimeUnit.SECONDS)).hasSize(1500).doesNotContain(false);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> seen.stream().mapToLong(i -> i.keys().size()).sum() == 1500);
            assertThat(seen).hasSizeGreaterThan(1).allSatisfy(i -> {
                assertThat(i.kind()).isEqualTo(Invalidation.Kind.KEYS);
                assertThat(i.encode().getBytes(StandardCharsets.UTF_8).length).isLessThan(8000);
            });
            assertThat(seen.stream().flatMap(i -> i.keys().stream()).toList()).containsExactlyElementsOf(keys);
            assertThat(seen.getLast().version()).isEqualTo(1599);
        } finally {
            Databases.purge(ds, namespace);
        }
    }

    @Test
    void anInvalidationTooBigForANotificationIsSentAsEverything() throws Exception {
        Services.POSTGRES.require();
        String namespace = "keeltest-" + UUID.randomUUID();
        List<Invalidation> seen = new CopyOnWriteArrayList<>();
        try (JdbcSecondLevel level = JdbcSecondLevel.create(Databases.postgres(), namespace)) {
            level.subscribe(collector(seen));
            String hugeTag = "t".repeat(5000) + "é".repeat(2000);
            level.publish(new Invalidation("node-a", Invalidation.Kind.TAG, hugeTag, 7)).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> seen.contains(new Invalidation("node-a", Invalidation.Kind.ALL, "", 7)));
        }
    }

    @Test
    void onH2LevelsOfOneNamespaceInThisProcessHearEachOtherAndNoOtherNamespace() throws Exception {
        DataSource ds = Databases.h2();
        String namespace = "keeltest-" + UUID.randomUUID();
        List<Invalidation> sameNamespace = new CopyOnWriteArrayList<>();
        List<Invalidation> otherNamespace = new CopyOnWriteArrayList<>();
        try (JdbcSecondLevel writer = JdbcSecondLevel.create(ds, namespace);
             JdbcSecondLevel peer = JdbcSecondLevel.create(ds, namespace);
             JdbcSecondLevel stranger = JdbcSecondLevel.create(ds, namespace + "-other")) {
            peer.subscribe(collector(sameNamespace));
            stranger.subscribe(collector(otherNamespace));
            assertThat(writer.put("k", bytes("v"), 3, Set.of(), TTL, "node-a").get(10, TimeUnit.SECONDS)).isTrue();
            // Delivered on the writing thread before the write's future completes.
            assertThat(sameNamespace).containsExactly(new Invalidation("node-a", Invalidation.Kind.KEY, "k", 3));
            assertThat(otherNamespace).isEmpty();
            peer.close();
            writer.publish(new Invalidation("node-a", Invalidation.Kind.ALL, "", 4)).get(10, TimeUnit.SECONDS);
            assertThat(sameNamespace).hasSize(1);
        } finally {
            Databases.purge(ds, namespace);
        }
    }

    private static InvalidationListener collector(List<Invalidation> seen) {
        return new InvalidationListener() {
            @Override
            public void onInvalidation(Invalidation invalidation) {
                seen.add(invalidation);
            }

            @Override
            public void onLinkGap() {
            }
        };
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
