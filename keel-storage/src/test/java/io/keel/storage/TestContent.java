package io.keel.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Content for tests: incompressible bytes, compressible JSON logs, and long generated streams. */
public final class TestContent {

    private TestContent() {
    }

    public static byte[] random(long seed, int size) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    public static byte[] jsonLogs(long seed, int size) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] levels = {"INFO", "DEBUG", "WARN", "ERROR"};
        String[] messages = {"request served", "cache miss", "operation queued", "operation finished",
                "retrying upstream call", "connection returned to pool"};
        StringBuilder out = new StringBuilder(size + 256);
        long time = 1_767_225_600_000L;
        while (out.length() < size) {
            time += random.nextInt(50);
            out.append("{\"ts\":").append(time).append(",\"level\":\"").append(levels[random.nextInt(levels.length)])
                    .append("\",\"logger\":\"io.keel.server.Api\",\"msg\":\"")
                    .append(messages[random.nextInt(messages.length)]).append("\",\"op\":\"op-")
                    .append(random.nextInt(100_000)).append("\",\"ms\":").append(random.nextInt(2000)).append("}\n");
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(bytes, size);
    }

    public static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    /**
     * {@code size} pseudo-random bytes from {@code seed}, produced on demand: a 2 GB stream costs no memory,
     * and the same seed reproduces it for comparison.
     */
    public static final class Generated extends InputStream {

        private final SplittableRandom random;
        private final long size;
        private final long pauseEveryBytes;
        private final long pauseMillis;
        private long position;
        private long word;
        private int wordBytesLeft;

        public Generated(long seed, long size) {
            this(seed, size, 0, 0);
        }

        /** Sleeps {@code pauseMillis} after every {@code pauseEveryBytes}: a slow client, for crash tests. */
        public Generated(long seed, long size, long pauseEveryBytes, long pauseMillis) {
            this.random = new SplittableRandom(seed);
            this.size = size;
            this.pauseEveryBytes = pauseEveryBytes;
            this.pauseMillis = pauseMillis;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            if (pauseEveryBytes > 0) {
                n = (int) Math.min(n, pauseEveryBytes - position % pauseEveryBytes);
            }
            for (int i = 0; i < n; i++) {
                if (wordBytesLeft == 0) {
                    word = random.nextLong();
                    wordBytesLeft = 8;
                }
                b[off + i] = (byte) word;
                word >>>= 8;
                wordBytesLeft--;
            }
            position += n;
            if (pauseEveryBytes > 0 && position % pauseEveryBytes == 0) {
                try {
                    Thread.sleep(pauseMillis); // simulated slow client, not a wait for a condition
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted");
                }
            }
            return n;
        }
    }
}
