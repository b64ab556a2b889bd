package io.keel.governor.internal;

/**
 * What {@link AgingQueue} needs of an element: intrusive links, so removing from the middle of a lane
 * (a cancelled or timed-out operation) costs O(1) and allocates nothing. All fields are guarded by the
 * lock of whoever owns the queue.
 */
abstract class QueueNode {

    QueueNode prev;
    QueueNode next;
    AgingQueue.Lane lane;
    long seq;
    long enqueuedNanos;

    /** True while the node sits in a queue. */
    final boolean isQueued() {
        return lane != null;
    }
}
