package io.keel.governor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Properties of the aging priority queue, independent of the governor around it. */
class AgingQueuePropertiesTest {

    private static final long STEP = 1_000;

    static final class Item extends QueueNode {
        final int id;
        final int priority;
        final int group;
        final long at;

        Item(int id, int priority, int group, long at) {
            this.id = id;
            this.priority = priority;
            this.group = group;
            this.at = at;
        }

        @Override
        public String toString() {
            return "#" + id + "(p" + priority + ", g" + group + ", t" + at + ")";
        }
    }

    record Spec(int priority, int group, long delay) {
    }

    @Provide
    Arbitrary<List<Spec>> specs() {
        return Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 3),
                Arbitraries.longs().between(0, 3 * STEP)).as(Spec::new).list().ofMaxSize(200);
    }

    private static Object group(int g) {
        return GROUPS[g];
    }

    private static final Object[] GROUPS = {"g0", "g1", "g2", "g3"};

    @Property
    void pollsInEffectivePriorityOrderThenFifo(@ForAll("specs") List<Spec> specs, @ForAll @IntRange(min = 0, max = 30) int laterSteps) {
        AgingQueue<Item> q = new AgingQueue<>(STEP);
        List<Item> items = fillGrouped(q, specs);
        long now = (items.isEmpty() ? 0 : items.get(items.size() - 1).at) + laterSteps * STEP / 3;
        List<Item> expected = new ArrayList<>(items);
        expected.sort(Comparator.<Item>comparingInt(i -> -AgingQueue.effectivePriority(i.priority, now - i.at, STEP))
                .thenComparingInt(i -> i.id));
        List<Item> polled = new ArrayList<>();
        q.newRound();
        Item next;
        while ((next = q.pollAdmissible(now, i -> AgingQueue.ADMIT)) != null) {
            polled.add(next);
        }
        assertThat(polled).containsExactlyElementsOf(expected);
        assertThat(q.size()).isZero();
    }

    @Property
    void agingNeverExceedsTheTopAndGrowsOneLevelPerStep(@ForAll @IntRange(min = 0, max = 9) int base,
                                                       @ForAll @LongRange(min = 0, max = 1_000_000) long waited) {
        int eff = AgingQueue.effectivePriority(base, waited, STEP);
        assertThat(eff).isEqualTo((int) Math.min(9, base + waited / STEP));
    }

    @Property
    void blockedGroupsAreSkippedAndNothingIsLostOrDuplicated(@ForAll("specs") List<Spec> specs,
                                                            @ForAll @IntRange(min = 0, max = 3) int blockedGroup,
                                                            @ForAll @Size(max = 50) List<@IntRange(min = 0, max = 199) Integer> removals) {
        AgingQueue<Item> q = new AgingQueue<>(STEP);
        List<Item> items = fillGrouped(q, specs);
        Set<Integer> removed = new HashSet<>();
        for (int r : removals) {
            if (r < items.size() && q.remove(items.get(r))) {
                assertThat(removed.add(r)).isTrue();
            }
        }
        assertThat(q.size()).isEqualTo(items.size() - removed.size());
        long now = items.isEmpty() ? 0 : items.get(items.size() - 1).at;
        q.newRound();
        Set<Integer> seen = new HashSet<>();
        Item next;
        while ((next = q.pollAdmissible(now, i -> i.group == blockedGroup ? AgingQueue.BLOCK_GROUP : AgingQueue.ADMIT)) != null) {
            assertThat(next.group).isNotEqualTo(blockedGroup);
            assertThat(seen.add(next.id)).as("polled twice: %s", next).isTrue();
        }
        q.newRound();
        while ((next = q.pollAdmissible(now, i -> AgingQueue.ADMIT)) != null) {
            assertThat(next.group).isEqualTo(blockedGroup);
            assertThat(seen.add(next.id)).as("polled twice: %s", next).isTrue();
        }
        assertThat(seen).hasSize(items.size() - removed.size());
        removed.forEach(r -> assertThat(seen).doesNotContain(r));
        assertThat(q.size()).isZero();
    }

    @Property
    void aStopDecisionLeavesEverythingInPlace(@ForAll("specs") List<Spec> specs) {
        AgingQueue<Item> q = new AgingQueue<>(STEP);
        fillGrouped(q, specs);
        q.newRound();
        assertThat(q.pollAdmissible(Long.MAX_VALUE / 2, i -> AgingQueue.STOP)).isNull();
        assertThat(q.size()).isEqualTo(specs.size());
    }

    private static List<Item> fillGrouped(AgingQueue<Item> q, List<Spec> specs) {
        List<Item> items = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < specs.size(); i++) {
            Spec s = specs.get(i);
            now += s.delay();
            Item item = new Item(i, s.priority(), s.group(), now);
            q.add(item, group(s.group()), s.priority(), now);
            items.add(item);
        }
        return items;
    }
}
