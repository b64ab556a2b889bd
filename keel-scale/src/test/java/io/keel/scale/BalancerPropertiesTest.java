package io.keel.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class BalancerPropertiesTest {

    private static FixedCandidates.Instance instance(int i, int capacity, int weight, int inFlight) {
        return new FixedCandidates.Instance("i" + i, capacity, weight, inFlight, 0, null);
    }

    @Property
    void smoothWeightedRoundRobinGivesExactProportionsOverEveryFullCycle(
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 1, max = 9) Integer> weights,
            @ForAll @IntRange(min = 1, max = 4) int cycles) {
        int n = weights.size();
        FixedCandidates.Instance[] instances = new FixedCandidates.Instance[n];
        boolean[] ready = new boolean[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            instances[i] = instance(i, 1, weights.get(i), 0);
            ready[i] = true;
            total += weights.get(i);
        }
        FixedCandidates candidates = new FixedCandidates(instances, ready);
        Balancer balancer = Balancer.weightedRoundRobin();
        for (int c = 0; c < cycles; c++) {
            int[] picks = new int[n];
            for (int k = 0; k < total; k++) {
                picks[balancer.pick(candidates)]++;
            }
            for (int i = 0; i < n; i++) {
                assertThat(picks[i]).as("picks of weight %d in cycle %d", weights.get(i), c).isEqualTo(weights.get(i));
            }
        }
    }

    @Property
    void fullScanLeastConnectionsNeverPicksABusierInstanceWhileALessBusyOneIsReady(
            @ForAll @Size(min = 1, max = 16) List<@IntRange(min = 0, max = 8) Integer> inFlight,
            @ForAll @Size(min = 16, max = 16) List<Boolean> ready,
            @ForAll @IntRange(min = 1, max = 8) int capacity) {
        int n = inFlight.size();
        FixedCandidates.Instance[] instances = new FixedCandidates.Instance[n];
        boolean[] up = new boolean[n];
        for (int i = 0; i < n; i++) {
            instances[i] = instance(i, capacity, 1, Math.min(inFlight.get(i), capacity));
            up[i] = ready.get(i);
        }
        FixedCandidates c = new FixedCandidates(instances, up);
        int picked = Balancer.leastConnections(16, SplittableRandom::new).pick(c);
        boolean anyAvailable = false;
        for (int i = 0; i < n; i++) {
            anyAvailable |= c.available(i);
        }
        if (!anyAvailable) {
            assertThat(picked).isEqualTo(-1);
            return;
        }
        assertThat(c.available(picked)).isTrue();
        for (int i = 0; i < n; i++) {
            if (c.available(i)) {
                assertThat(c.load(picked)).as("picked %d over less busy %d", picked, i).isLessThanOrEqualTo(c.load(i));
            }
        }
    }

    /** Remembers the indices it handed out, so the test knows the two samples. */
    static final class Recording implements RandomGenerator {
        final SplittableRandom random;
        final List<Integer> ints = new ArrayList<>();

        Recording(long seed) {
            this.random = new SplittableRandom(seed);
        }

        @Override
        public long nextLong() {
            return random.nextLong();
        }

        @Override
        public int nextInt(int bound) {
            int v = random.nextInt(bound);
            ints.add(v);
            return v;
        }
    }

    @Property
    void powerOfTwoChoicesNeverPicksTheBusierOfItsTwoSamples(
            @ForAll @Size(min = 17, max = 100) List<@IntRange(min = 0, max = 5) Integer> inFlight,
            @ForAll long seed) {
        int n = inFlight.size();
        FixedCandidates.Instance[] instances = new FixedCandidates.Instance[n];
        boolean[] up = new boolean[n];
        for (int i = 0; i < n; i++) {
            instances[i] = instance(i, 6, 1, inFlight.get(i));
            up[i] = true;
        }
        FixedCandidates c = new FixedCandidates(instances, up);
        Recording random = new Recording(seed);
        int picked = Balancer.leastConnections(16, () -> random).pick(c);
        int a = random.ints.get(0);
        int b = random.ints.get(1) >= a ? random.ints.get(1) + 1 : random.ints.get(1);
        assertThat(picked).isIn(a, b);
        int other = picked == a ? b : a;
        assertThat(c.load(picked)).isLessThanOrEqualTo(c.load(other));
    }

    @Property
    void roundRobinTakesEveryReadyInstanceInTurn(@ForAll @IntRange(min = 1, max = 20) int n) {
        FixedCandidates.Instance[] instances = new FixedCandidates.Instance[n];
        boolean[] up = new boolean[n];
        for (int i = 0; i < n; i++) {
            instances[i] = instance(i, 1, 1, 0);
            up[i] = true;
        }
        FixedCandidates c = new FixedCandidates(instances, up);
        Balancer rr = Balancer.roundRobin();
        int[] picks = new int[n];
        for (int k = 0; k < 3 * n; k++) {
            picks[rr.pick(c)]++;
        }
        assertThat(picks).containsOnly(3);
    }
}
