package io.keel.server.http;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.keel.governor.GovernorShutdownException;
import io.keel.governor.InputTooLargeException;
import io.keel.governor.MemoryBudgetExceededException;
import io.keel.governor.OperationRejectedException;
import io.keel.governor.QueueFullException;
import io.keel.governor.UnknownAgentException;
import io.keel.server.agents.InvalidInputException;
import io.keel.server.json.Json;

/**
 * Turns every failure into problem+json (API.md, Errors): refusals thrown by handlers, the governor's
 * rejections, Helidon's own HTTP errors, transport-level errors (direct handlers), unknown routes, wrong
 * methods, and anything unexpected (500, logged, no stack trace sent).
 */
public final class ErrorHandling {

    /** When an overloaded server that gave no hint suggests trying again. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private static final Logger LOG = System.getLogger(ErrorHandling.class.getName());

    private ErrorHandling() {
    }

    public static void install(HttpRouting.Builder routing) {
        routing.error(ProblemException.class, (req, res, e) -> Problems.send(res, e));
        routing.error(InvalidInputException.class,
                (req, res, e) -> Problems.send(res, ProblemType.INVALID_FIELD, e.getMessage()));
        routing.error(OperationRejectedException.class, (req, res, e) -> Problems.send(res, rejection(e)));
        routing.error(HttpException.class, (req, res, e) -> {
            int status = e.status().code();
            ProblemType type = switch (status) {
                case 400 -> ProblemType.BAD_REQUEST;
                case 404 -> ProblemType.NOT_FOUND;
                case 405 -> ProblemType.METHOD_NOT_ALLOWED;
                case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
                case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
                default -> status >= 500 ? ProblemType.INTERNAL_ERROR : ProblemType.BAD_REQUEST;
            };
            if (status >= 500) {
                LOG.log(Level.ERROR, "request " + req.prologue() + " failed", e);
            }
            Problems.send(res, type, status >= 500 ? "the server failed to handle the request" : e.getMessage());
        });
        routing.error(Throwable.class, (req, res, e) -> {
            LOG.log(Level.ERROR, "request " + req.prologue() + " failed", e);
            Problems.send(res, ProblemType.INTERNAL_ERROR, "the server failed to handle the request");
        });
    }

    static ProblemException rejection(OperationRejectedException e) {
        Duration retryAfter = e.retryAfter() == null ? DEFAULT_RETRY_AFTER : e.retryAfter();
        if (e instanceof UnknownAgentException) {
            return new ProblemException(ProblemType.UNKNOWN_AGENT, "agent: " + e.getMessage());
        }
        if (e instanceof InputTooLargeException) {
            return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "input: " + e.getMessage());
        }
        if (e instanceof QueueFullException) {
            return new ProblemException(ProblemType.QUEUE_FULL, e.getMessage(), retryAfter);
        }
        if (e instanceof MemoryBudgetExceededException) {
            return new ProblemException(ProblemType.MEMORY_BUDGET_EXHAUSTED, e.getMessage(), retryAfter);
        }
        if (e instanceof GovernorShutdownException) {
            return new ProblemException(ProblemType.SHUTTING_DOWN, e.getMessage(), retryAfter);
        }
        return new ProblemException(ProblemType.UNAVAILABLE, e.getMessage(), retryAfter);
    }

    /** The last route: whatever nothing else answered. */
    public static Handler notFound() {
        return (req, res) -> Problems.send(res, ProblemType.NOT_FOUND,
                "no route for " + req.prologue().method().text() + " " + req.path().path());
    }

    /** After a path's own methods: any other method on it. */
    public static Handler methodNotAllowed(Method... allowed) {
        StringBuilder allow = new StringBuilder();
        for (Method method : allowed) {
            allow.append(allow.isEmpty() ? "" : ", ").append(method.text());
        }
        String header = allow.toString();
        return (req, res) -> {
            res.header(HeaderNames.ALLOW, header);
            Problems.send(res, ProblemType.METHOD_NOT_ALLOWED, req.prologue().method().text() + " is not allowed on "
                    + req.path().path() + "; allowed: " + header);
        };
    }

    /** Errors Helidon answers before routing (bad framing, oversize bodies) as problem+json too. */
    public static DirectHandlers directHandlers(long maxInputBytes) {
        DirectHandler problemHandler = (request, eventType, status, headers, message) -> {
            ProblemType type = switch (status.code()) {
                case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
                case 404 -> ProblemType.NOT_FOUND;
                case 400 -> ProblemType.BAD_REQUEST;
                default -> status.code() >= 500 ? ProblemType.INTERNAL_ERROR : ProblemType.BAD_REQUEST;
            };
            String detail = status.code() >= 500 ? "the server failed to handle the request"
                    : status.code() == 413 ? "body: exceeds the limit of " + maxInputBytes
                            + " bytes (KEEL_MAX_INPUT_BYTES)"
                    : message == null || message.isBlank() ? status.reasonPhrase() : message;
            return DirectHandler.TransportResponse.builder()
                    .status(status)
                    .headers(headers)
                    .header(HeaderNames.CONTENT_TYPE, Problems.MEDIA_TYPE)
                    .entity(Json.bytes(Problems.body(type, detail)))
                    .build();
        };
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (DirectHandler.EventType event : DirectHandler.EventType.values()) {
            builder.addHandler(event, problemHandler);
        }
        return builder.build();
    }
}
