package io.keel.storage.internal;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises everything that decides a blob's fate — adding the first or a further reference, removing the
 * last, recompressing, quarantining, collecting as orphan — per content hash, within this process.
 *
 * <p>Invariant: while a thread holds the lock of hash H, the blob file of H and H's blob row change only through
 * that thread; so "the blob exists, add a reference" can never interleave with "the last reference went, unlink".
 * Striped: unrelated hashes may share a lock, which costs only contention; no code path holds two at once, so
 * striping cannot deadlock. ReentrantLock, not synchronized, because holders do file and database I/O
 * (virtual threads must not pin).
 */
final class HashLocks {

    private final ReentrantLock[] stripes;

    HashLocks(int count) {
        stripes = new ReentrantLock[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    ReentrantLock lockFor(String sha256) {
        return stripes[Math.floorMod(sha256.hashCode(), stripes.length)];
    }
}
