package io.keel.bench.storage;

import java.io.InputStream;

/**
 * A block of bytes repeated {@code repeats} times, with a per-operation salt in the first eight bytes so every
 * operation ingests new content (no benchmark operation is a free deduplication hit).
 */
final class SaltedStream extends InputStream {

    private final byte[] block;
    private final long size;
    private final long salt;
    private long position;

    SaltedStream(byte[] block, int repeats, long salt) {
        this.block = block;
        this.size = (long) block.length * repeats;
        this.salt = salt;
    }

    long size() {
        return size;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= size) {
            return -1;
        }
        int inBlock = (int) (position % block.length);
        int n = (int) Math.min(len, Math.min(block.length - inBlock, size - position));
        System.arraycopy(block, inBlock, b, off, n);
        for (int i = 0; i < n && position + i < 8; i++) {
            b[off + i] ^= (byte) (salt >>> (8 * (position + i)));
        }
        position += n;
        return n;
    }
}
