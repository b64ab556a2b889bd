package io.keel.governor.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The bounded-elsewhere priority queue with aging. Priorities run 0..9 (9 most urgent); a waiting node
 * gains one level per {@code agingStep} of waiting, capped at 9, so low priorities cannot starve.
 * Order: highest effective priority first, FIFO (by enqueue sequence) within an effective priority.
 *
 * <p>Layout: one FIFO lane per (group, base priority); a group is an agent. Within a lane every node has
 * the same base priority and the earlier a node was enqueued the longer it has waited, so the lane's
 * head always carries the lane's highest effective priority and lowest sequence: the best node overall
 * is the best of the lane heads. Selection therefore costs O(groups x 10), independent of the number of
 * queued nodes (100,000 queued cost the same as 10).
 *
 * <p>Head-of-line blocking: {@link #pollAdmissible} asks an {@link Admitter} about the best head; the
 * admitter can block the head's whole group (its agent is at its cap) or only its lane (its bytes do not
 * fit) for the rest of this round, and selection goes on with the other lanes, so one saturated agent
 * never holds back another's work.
 *
 * <p>Not thread-safe: every method must be called under the owner's lock (the dispatcher's).
 */
final class AgingQueue<N extends QueueNode> {

    static final int LEVELS = 10;
    static final int MAX_PRIORITY = LEVELS - 1;

    static final int ADMIT = 0;
    static final int BLOCK_GROUP = 1;
    static final int BLOCK_LANE = 2;
    static final int STOP = 3;

    /** Decides whether the best candidate may leave the queue now. */
    interface Admitter<N> {
        /** @return {@link #ADMIT} (the node then leaves the queue), {@link #BLOCK_GROUP}, {@link #BLOCK_LANE} or {@link #STOP} */
        int tryAdmit(N node);
    }

    static final class Lane {
        final Group group;
        final int priority;
        QueueNode head;
        QueueNode tail;
        int blockedRound;

        Lane(Group group, int priority) {
            this.group = group;
            this.priority = priority;
        }
    }

    static final class Group {
        final Object key;
        final Lane[] lanes = new Lane[LEVELS];
        int size;
        int blockedRound;

        Group(Object key) {
            this.key = key;
            for (int p = 0; p < LEVELS; p++) {
                lanes[p] = new Lane(this, p);
            }
        }
    }

    private final Map<Object, Group> groups = new IdentityHashMap<>();
    private final List<Group> groupList = new ArrayList<>();
    private long agingStepNanos;
    private long nextSeq;
    private int size;
    private int round;

    AgingQueue(long agingStepNanos) {
        agingStep(agingStepNanos);
    }

    void agingStep(long nanos) {
        if (nanos <= 0) {
            throw new IllegalArgumentException("agingStep must be positive, was " + nanos + " ns");
        }
        this.agingStepNanos = nanos;
    }

    int size() {
        return size;
    }

    /** Nodes of one group waiting now. */
    int size(Object groupKey) {
        Group g = groups.get(groupKey);
        return g == null ? 0 : g.size;
    }

    void add(N node, Object groupKey, int basePriority, long nowNanos) {
        if (node.isQueued()) {
            throw new IllegalStateException("node is already queued");
        }
        if (basePriority < 0 || basePriority > MAX_PRIORITY) {
            throw new IllegalArgumentException("priority must be within 0..9, was " + basePriority);
        }
        Group g = groups.get(groupKey);
        if (g == null) {
            g = new Group(groupKey);
            groups.put(groupKey, g);
            groupList.add(g);
        }
        Lane lane = g.lanes[basePriority];
        node.seq = nextSeq++;
        node.enqueuedNanos = nowNanos;
        node.lane = lane;
        node.next = null;
        node.prev = lane.tail;
        if (lane.tail == null) {
            lane.head = node;
        } else {
            lane.tail.next = node;
        }
        lane.tail = node;
        g.size++;
        size++;
    }

    /** @return true if the node was queued here and is now removed */
    boolean remove(N node) {
        Lane lane = node.lane;
        if (lane == null) {
            return false;
        }
        if (node.prev == null) {
            lane.head = node.next;
        } else {
            node.prev.next = node.next;
        }
        if (node.next == null) {
            lane.tail = node.prev;
        } else {
            node.next.prev = node.prev;
        }
        node.prev = null;
        node.next = null;
        node.lane = null;
        lane.group.size--;
        size--;
        return true;
    }

    int effectivePriority(QueueNode node, long nowNanos) {
        return effectivePriority(node.lane.priority, nowNanos - node.enqueuedNanos, agingStepNanos);
    }

    static int effectivePriority(int base, long waitedNanos, long agingStepNanos) {
        if (waitedNanos <= 0) {
            return base;
        }
        long levels = waitedNanos / agingStepNanos;
        return (int) Math.min(MAX_PRIORITY, base + Math.min(levels, MAX_PRIORITY));
    }

    /** Starts a new admission round: blocks set by the previous round are forgotten. */
    void newRound() {
        round++;
    }

    /**
     * Removes and returns the best node the admitter accepts, skipping lanes and groups it blocks in
     * this round, or null when nothing can leave now.
     */
    @SuppressWarnings("unchecked")
    N pollAdmissible(long nowNanos, Admitter<? super N> admitter) {
        for (;;) {
            QueueNode best = null;
            int bestPriority = -1;
            for (int gi = 0, gn = groupList.size(); gi < gn; gi++) {
                Group g = groupList.get(gi);
                if (g.size == 0 || g.blockedRound == round) {
                    continue;
                }
                for (int p = MAX_PRIORITY; p >= 0; p--) {
                    Lane lane = g.lanes[p];
                    QueueNode head = lane.head;
                    if (head == null || lane.blockedRound == round) {
                        continue;
                    }
                    int eff = effectivePriority(p, nowNanos - head.enqueuedNanos, agingStepNanos);
                    if (eff > bestPriority || (eff == bestPriority && head.seq < best.seq)) {
                        best = head;
                        bestPriority = eff;
                    }
                }
            }
            if (best == null) {
                return null;
            }
            int decision = admitter.tryAdmit((N) best);
            switch (decision) {
                case ADMIT -> {
                    remove((N) best);
                    return (N) best;
                }
                case BLOCK_GROUP -> best.lane.group.blockedRound = round;
                case BLOCK_LANE -> best.lane.blockedRound = round;
                case STOP -> {
                    return null;
                }
                default -> throw new IllegalStateException("unknown admission decision " + decision);
            }
        }
    }

    /** Removes every node of one group (or all groups when {@code groupKey} is null), oldest first per lane. */
    @SuppressWarnings("unchecked")
    void removeAll(Object groupKey, Consumer<? super N> sink) {
        for (Group g : List.copyOf(groupList)) {
            if (groupKey != null && g.key != groupKey) {
                continue;
            }
            for (Lane lane : g.lanes) {
                while (lane.head != null) {
                    N node = (N) lane.head;
                    remove(node);
                    sink.accept(node);
                }
            }
        }
    }
}
