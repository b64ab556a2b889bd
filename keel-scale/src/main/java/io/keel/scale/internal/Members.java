package io.keel.scale.internal;

import java.util.Arrays;

/**
 * An immutable snapshot of a pool's membership, swapped atomically whenever an instance joins,
 * leaves or changes state; the generation tells stateful balancers that the set changed.
 */
record Members(Member[] array, long generation) {

    static final Members EMPTY = new Members(new Member[0], 0);

    Members plus(Member m) {
        Member[] next = Arrays.copyOf(array, array.length + 1);
        next[array.length] = m;
        return new Members(next, generation + 1);
    }

    Members minus(Member m) {
        return new Members(Arrays.stream(array).filter(x -> x != m).toArray(Member[]::new), generation + 1);
    }

    Members bumped() {
        return new Members(array, generation + 1);
    }

    Member find(String id) {
        for (Member m : array) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        return null;
    }
}
