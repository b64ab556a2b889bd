package io.keel.bench.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Benchmark inputs: incompressible bytes and JSON log lines of realistic shape. */
final class BenchContent {

    private BenchContent() {
    }

    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new SplittableRandom(7).nextBytes(bytes);
        return bytes;
    }

    static byte[] jsonLogs(int size) {
        SplittableRandom random = new SplittableRandom(11);
        String[] levels = {"INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"};
        String[] loggers = {"io.keel.server.Api", "io.keel.governor.Dispatcher", "io.keel.cache.TieredCache",
                "io.keel.storage.FileStore"};
        String[] messages = {"request served", "cache miss", "operation queued", "operation finished",
                "retrying upstream call", "connection returned to pool", "slow query detected"};
        StringBuilder out = new StringBuilder(size + 512);
        long time = 1_767_225_600_000L;
        while (out.length() < size) {
            time += random.nextInt(40);
            out.append("{\"ts\":").append(time)
                    .append(",\"level\":\"").append(levels[random.nextInt(levels.length)])
                    .append("\",\"logger\":\"").append(loggers[random.nextInt(loggers.length)])
                    .append("\",\"msg\":\"").append(messages[random.nextInt(messages.length)])
                    .append("\",\"operationId\":\"").append(Long.toHexString(random.nextLong()))
                    .append("\",\"agent\":\"agent-").append(random.nextInt(20))
                    .append("\",\"durationMs\":").append(random.nextInt(5000))
                    .append(",\"status\":").append(random.nextInt(10) == 0 ? 500 : 200).append("}\n");
        }
        return Arrays.copyOf(out.toString().getBytes(StandardCharsets.UTF_8), size);
    }
}
