package io.jetring.api;

/**
 * The request is malformed in a way only the handler could see (a bad query escape, a body that
 * does not parse). A handler that lets it escape gets a {@code 400 Bad Request}; the message is
 * logged, not sent.
 */
public final class BadRequestException extends JetringException {
    /** Creates the exception; the message names the value and what was expected. */
    public BadRequestException(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public BadRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
