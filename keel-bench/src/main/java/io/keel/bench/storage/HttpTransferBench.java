package io.keel.bench.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.keel.server.KeelServer;
import io.keel.server.config.ConfigLoader;
import io.keel.server.config.Setting;
import io.keel.server.json.Json;

/**
 * Issue 5's HTTP goal: upload then download of 1 GB over loopback through Keel ({@code POST /api/v1/files},
 * {@code GET /api/v1/files/{id}}: governed, SHA-256, dedup lookup, metadata in H2, fsync) against a bare Helidon
 * handler that streams the body to a file and fsyncs, or streams a file back. Same JVM, same run, same client;
 * the content is incompressible (random block, salted per upload), so neither side deduplicates or compresses.
 * Bounded: one size, {@code rounds} alternating rounds; temporary directories are deleted at the end.
 *
 * <p>Run: {@code java -cp ... io.keel.bench.storage.HttpTransferBench [sizeMiB=1024] [rounds=2]}
 */
public final class HttpTransferBench {

    private static final int BLOCK_BYTES = 8 * 1024 * 1024;
    private static final int COPY_BUFFER = 64 * 1024;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final int repeats;
    private final byte[] block = BenchContent.random(BLOCK_BYTES);
    private long salt = System.nanoTime();

    private HttpTransferBench(int sizeMiB) {
        this.repeats = Math.max(1, sizeMiB / (BLOCK_BYTES / (1024 * 1024)));
    }

    public static void main(String[] args) throws Exception {
        int sizeMiB = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        new HttpTransferBench(sizeMiB).run(rounds);
    }

    private long size() {
        return (long) BLOCK_BYTES * repeats;
    }

    private void run(int rounds) throws Exception {
        Path keelDir = Files.createTempDirectory("keel-http-bench");
        Path bareDir = Files.createTempDirectory("bare-http-bench");
        KeelServer keel = null;
        WebServer bare = null;
        try {
            Map<Setting, String> flags = new EnumMap<>(Setting.class);
            flags.put(Setting.PORT, "0");
            flags.put(Setting.DATA_DIR, keelDir.toString());
            flags.put(Setting.FILES_MAX_BYTES, String.valueOf(size() + 1));
            keel = KeelServer.start(ConfigLoader.load(null, Map.of(), flags));
            bare = bareServer(bareDir.resolve("upload.bin"));
            String keelBase = "http://127.0.0.1:" + keel.port();
            String bareBase = "http://127.0.0.1:" + bare.port();
            System.out.printf("size %d MiB, %d rounds, %d cores%n", size() >> 20, rounds,
                    Runtime.getRuntime().availableProcessors());
            double[] sums = new double[4];
            for (int round = 0; round <= rounds; round++) { // round 0 warms up (JIT, page cache) and is not counted
                // alternate who goes first so page-cache and JIT warm-up favour neither side
                boolean keelFirst = round % 2 == 1;
                double keelUp = 0;
                double bareUp = 0;
                String id = null;
                for (int side = 0; side < 2; side++) {
                    if ((side == 0) == keelFirst) {
                        long t = System.nanoTime();
                        id = keelUpload(keelBase);
                        keelUp = mbPerSec(System.nanoTime() - t);
                    } else {
                        long t = System.nanoTime();
                        upload(URI.create(bareBase + "/upload"));
                        bareUp = mbPerSec(System.nanoTime() - t);
                    }
                }
                double keelDown = 0;
                double bareDown = 0;
                for (int side = 0; side < 2; side++) {
                    if ((side == 0) == keelFirst) {
                        long t = System.nanoTime();
                        download(URI.create(keelBase + "/api/v1/files/" + id));
                        keelDown = mbPerSec(System.nanoTime() - t);
                    } else {
                        long t = System.nanoTime();
                        download(URI.create(bareBase + "/download"));
                        bareDown = mbPerSec(System.nanoTime() - t);
                    }
                }
                keelDelete(keelBase, id);
                String label = round == 0 ? "warm-up" : "round " + round;
                System.out.printf("%s: upload keel %.1f MB/s, bare %.1f MB/s (%.2f); download keel %.1f MB/s,"
                        + " bare %.1f MB/s (%.2f)%n", label, keelUp, bareUp, keelUp / bareUp, keelDown, bareDown,
                        keelDown / bareDown);
                if (round == 0) {
                    continue;
                }
                sums[0] += keelUp;
                sums[1] += bareUp;
                sums[2] += keelDown;
                sums[3] += bareDown;
            }
            System.out.printf("mean: upload keel %.1f MB/s vs bare %.1f MB/s = %.2f; download keel %.1f MB/s vs bare"
                    + " %.1f MB/s = %.2f; upload+download ratio %.2f%n", sums[0] / rounds, sums[1] / rounds,
                    sums[0] / sums[1], sums[2] / rounds, sums[3] / rounds, sums[2] / sums[3],
                    (1 / sums[1] + 1 / sums[3]) / (1 / sums[0] + 1 / sums[2]));
        } finally {
            if (keel != null) {
                keel.stop();
            }
            if (bare != null) {
                bare.stop();
            }
            deleteTree(keelDir);
            deleteTree(bareDir);
        }
    }

    /** The baseline: body → file → fsync; file → response. Nothing else. */
    private static WebServer bareServer(Path file) {
        return WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .routing(r -> r
                        .post("/upload", (req, res) -> {
                            try (InputStream in = req.content().inputStream();
                                 FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                                         StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                                in.transferTo(Channels.newOutputStream(channel));
                                channel.force(true);
                            }
                            res.status(Status.CREATED_201).send();
                        })
                        .get("/download", (req, res) -> {
                            res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream");
                            res.contentLength(Files.size(file));
                            try (InputStream in = Files.newInputStream(file); OutputStream out = res.outputStream()) {
                                in.transferTo(out);
                            }
                        }))
                .build()
                .start();
    }

    private String keelUpload(String base) throws Exception {
        HttpResponse<String> response = upload(URI.create(base + "/api/v1/files?name=bench-" + salt + ".bin"));
        JsonNode body = Json.tree(response.body());
        if (body.get("compressed").asBoolean() || body.get("deduplicated").asBoolean()) {
            throw new IllegalStateException("benchmark content was compressed or deduplicated: " + body);
        }
        return body.get("id").asText();
    }

    private HttpResponse<String> upload(URI uri) throws Exception {
        long salted = salt++;
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new SaltedStream(block, repeats, salted)),
                        size()))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private void download(URI uri) throws Exception {
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long total = 0;
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[COPY_BUFFER];
            int n;
            while ((n = in.read(buffer)) != -1) {
                total += n;
            }
        }
        if (response.statusCode() != 200 || total != size()) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + " with " + total + " bytes");
        }
    }

    private void keelDelete(String base, String id) throws Exception {
        client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/files/" + id)).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private double mbPerSec(long nanos) {
        return size() / 1e6 / (nanos / 1e9);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
