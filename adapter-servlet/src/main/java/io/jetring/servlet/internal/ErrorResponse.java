package io.jetring.servlet.internal;

import io.jetring.api.BadRequestException;
import io.jetring.api.BodyTooLargeException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The answer to a failure, by the rules of {@code docs/SPEC.md} section 8: 413 for
 * {@link BodyTooLargeException}, 400 with the message for {@link BadRequestException} (it describes
 * the client's own input), 500 without details for everything else.
 *
 * @param status the status code
 * @param text   the body text, without the trailing newline
 * @param cause  the unwrapped failure
 */
record ErrorResponse(int status, String text, Throwable cause) {
    static final String CONTENT_TYPE = "text/plain;charset=utf-8";

    /** The answer to {@code failure}, unwrapped from the stage's wrappers. */
    static ErrorResponse of(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof BodyTooLargeException) {
            return new ErrorResponse(413, "413 Content Too Large", cause);
        }
        if (cause instanceof BadRequestException) {
            String detail = cause.getMessage() == null ? "" : ": " + cause.getMessage();
            return new ErrorResponse(400, "400 Bad Request" + detail, cause);
        }
        return new ErrorResponse(500, "500 Internal Server Error", cause);
    }

    /** {@code 503}: the async handler's stage did not complete in time. */
    static ErrorResponse timeout() {
        return new ErrorResponse(503, "503 Service Unavailable", null);
    }

    /** Logs the failure the way the spec asks: 500 at ERROR with the stack trace, 4xx at DEBUG. */
    void log(Exchange exchange) {
        if (status == 500) {
            Log.error(exchange, "the handler failed; answered 500", cause);
        } else if (status != 503) {
            Log.debug(exchange, cause == null ? text : cause.getMessage(), null);
        }
    }

    byte[] body() {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
