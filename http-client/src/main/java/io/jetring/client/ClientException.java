package io.jetring.client;

import io.jetring.api.JetringException;

/**
 * The root of every failure of an HTTP call made with {@link JetClient}: a failed stage completes
 * with this exception or one of its subclasses. The message starts with the method and URL of the
 * call, then says what went wrong: {@code GET http://localhost:8080/x: connection refused}.
 *
 * <p>A response with a 4xx or 5xx status is not a failure: it completes the stage normally.
 * A failure that fits none of the subclasses (the connection closed mid-response, a protocol error)
 * is reported as a plain {@code ClientException} with the underlying cause.
 */
public class ClientException extends JetringException {
    /** Creates the exception from a ready message. */
    public ClientException(String message) {
        super(message);
    }

    /** Creates the exception from a ready message and the underlying cause. */
    public ClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
