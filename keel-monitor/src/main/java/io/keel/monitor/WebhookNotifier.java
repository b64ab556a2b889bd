package io.keel.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.keel.monitor.internal.Json;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Posts each {@link AlertEvent} as JSON ({@code {"type":"FIRED","alert":{...}}}) to a webhook, retrying
 * non-2xx answers and connection failures with exponential backoff, a bounded number of times.
 *
 * <p>Never blocks its caller: sends are {@code HttpClient.sendAsync}, retries are scheduled on the
 * injected scheduler. Invariant: {@code pending} counts notifications accepted and not yet delivered or
 * given up; it is incremented once on accept and decremented exactly once on the final outcome, and an
 * event arriving at {@code maxPending} is dropped instead.
 */
public final class WebhookNotifier implements AlertListener {

    private static final System.Logger LOG = System.getLogger(WebhookNotifier.class.getName());

    private final WebhookConfig config;
    private final HttpClient client;
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger pending = new AtomicInteger();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    public WebhookNotifier(WebhookConfig config, HttpClient client, ScheduledExecutorService scheduler) {
        this.config = Objects.requireNonNull(config, "config");
        this.client = Objects.requireNonNull(client, "client");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** Counters for the report and tests. */
    public record Stats(long delivered, long retries, long failed, long dropped, int pending) {
    }

    public Stats stats() {
        return new Stats(delivered.sum(), retries.sum(), failed.sum(), dropped.sum(), pending.get());
    }

    @Override
    public void onAlert(AlertEvent event) {
        if (pending.incrementAndGet() > config.maxPending()) {
            pending.decrementAndGet();
            dropped.increment();
            LOG.log(Level.WARNING, "webhook " + config.uri() + " has " + config.maxPending()
                    + " notifications pending; dropped " + event.type() + " " + event.alert().rule());
            return;
        }
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            pending.decrementAndGet();
            failed.increment();
            LOG.log(Level.ERROR, "cannot serialise alert event " + event, e);
            return;
        }
        HttpRequest.Builder rb = HttpRequest.newBuilder(config.uri())
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        config.headers().forEach(rb::header);
        attempt(rb.build(), event, 1);
    }

    private void attempt(HttpRequest request, AlertEvent event, int attempt) {
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) {
                delivered.increment();
                pending.decrementAndGet();
                return;
            }
            String why = error != null ? error.toString() : "HTTP " + response.statusCode();
            if (attempt >= config.maxAttempts()) {
                failed.increment();
                pending.decrementAndGet();
                LOG.log(Level.WARNING, "webhook " + config.uri() + " gave up on " + event.type() + " "
                        + event.alert().rule() + " after " + attempt + " attempts: " + why);
                return;
            }
            retries.increment();
            try {
                scheduler.schedule(() -> attempt(request, event, attempt + 1),
                        config.backoffBefore(attempt + 1).toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException rejected) {
                failed.increment();
                pending.decrementAndGet();
                LOG.log(Level.WARNING, "webhook retry not scheduled (scheduler shut down): " + rejected);
            }
        });
    }
}
