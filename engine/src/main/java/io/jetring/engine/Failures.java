package io.jetring.engine;

import io.jetring.api.BadRequestException;
import io.jetring.api.BodyTooLargeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one place that turns a handler's failure into an answer ({@code docs/SPEC.md} section 8), so
 * that every engine (JetServer, the servlet bridge, the in-process client) answers it alike:
 * {@link BodyTooLargeException} 413, {@link BadRequestException} 400 with its message, the client
 * too slow to send the request body 408, anything else 500 without details; a stage pending past the
 * async timeout 503. What to do when the response is already committed, or the client has gone, is
 * the engine's. Applications never use it.
 */
public final class Failures {
    private static final String INTERNAL = "the handler failed; answered 500";

    private Failures() {
    }

    /** The answer to {@code failure}, from a handler or its stage, when the client did not time out. */
    public static ErrorAnswer answer(Throwable failure) {
        return answer(failure, null);
    }

    /**
     * The answer to {@code failure}. {@code clientTimeout} is the engine's own timeout for this
     * exchange, if it fired: the client sent nothing for the idle timeout while the body was read. It
     * is a 408 iff {@code failure} is, or was caused by, that very exception; a
     * {@link java.util.concurrent.TimeoutException} of the handler's own (a backend that did not
     * answer) is a server failure like any other, 500.
     */
    public static ErrorAnswer answer(Throwable failure, Throwable clientTimeout) {
        Throwable cause = unwrap(failure);
        if (cause instanceof BodyTooLargeException) {
            return new ErrorAnswer(413, line(413), ErrorAnswer.Level.DEBUG, cause.getMessage(), cause);
        }
        if (cause instanceof BadRequestException) {
            // The message describes the client's own input, never server internals: worth sending.
            String detail = cause.getMessage() == null ? "" : ": " + cause.getMessage();
            return new ErrorAnswer(400, line(400) + detail, ErrorAnswer.Level.DEBUG, cause.getMessage(), cause);
        }
        if (clientTimeout != null && causedBy(cause, clientTimeout)) {
            return new ErrorAnswer(408, line(408), ErrorAnswer.Level.DEBUG,
                    "the client was idle too long while sending the request body", cause);
        }
        return serverError(cause);
    }

    /** {@code 500} without details, whatever {@code cause} is: for a failure of the server's own (a body that failed before its first byte). */
    public static ErrorAnswer serverError(Throwable cause) {
        return new ErrorAnswer(500, line(500), ErrorAnswer.Level.ERROR, INTERNAL, cause);
    }

    /** {@code 503}: the async handler's stage did not complete within {@code timeoutMillis}. */
    public static ErrorAnswer asyncTimeout(long timeoutMillis) {
        return new ErrorAnswer(503, line(503), ErrorAnswer.Level.WARN,
                "the async handler did not complete within " + timeoutMillis + " ms; answered 503", null);
    }

    /** The logged line for a handler that failed after its response was committed (the connection is aborted). */
    public static String afterCommit() {
        return "the handler failed after the response was committed; connection aborted";
    }

    /** The log line for a stage that completed after the async timeout had answered. */
    public static String lateCompletion() {
        return "the handler's stage completed after the async timeout; result dropped";
    }

    /**
     * {@code t} without the wrappers a stage or a future puts around a failure
     * ({@link CompletionException}, {@link ExecutionException}).
     */
    public static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The reason phrase jetring sends with {@code status}: RFC 9110's, or {@code null} for one it does not name. */
    public static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> null;
        };
    }

    private static String line(int status) {
        return status + " " + reason(status);
    }

    private static boolean causedBy(Throwable failure, Throwable cause) {
        // Bounded: a cause chain may loop.
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (t == cause) {
                return true;
            }
        }
        return false;
    }
}
