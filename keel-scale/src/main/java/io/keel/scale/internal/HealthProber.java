package io.keel.scale.internal;

import io.keel.scale.HealthCheck;
import io.keel.scale.ResourceLoad;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Active probes: one GET per remote instance, all in parallel, each bounded by the check's timeout.
 * Stateless apart from the (thread-safe) HTTP client.
 */
final class HealthProber {

    record Result(boolean healthy, ResourceLoad load) {
    }

    private static final Pattern CPU = Pattern.compile("\"cpu\"\\s*:\\s*([0-9.eE+-]+)");
    private static final Pattern MEMORY = Pattern.compile("\"memory\"\\s*:\\s*([0-9.eE+-]+)");

    private final HealthCheck check;
    private final HttpClient client;

    HealthProber(HealthCheck check, HttpClient client) {
        this.check = check;
        this.client = client;
    }

    CompletableFuture<Result> probe(URI base) {
        URI uri = base.resolve(check.path());
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(check.timeout()).GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Result(r.statusCode() / 100 == 2, parseLoad(r.body())))
                .exceptionally(e -> new Result(false, null));
    }

    static ResourceLoad parseLoad(String body) {
        if (body == null) {
            return null;
        }
        Matcher cpu = CPU.matcher(body);
        Matcher memory = MEMORY.matcher(body);
        if (!cpu.find() || !memory.find()) {
            return null;
        }
        try {
            double c = Double.parseDouble(cpu.group(1));
            double m = Double.parseDouble(memory.group(1));
            return c >= 0 && c <= 1 && m >= 0 && m <= 1 ? new ResourceLoad(c, m) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
