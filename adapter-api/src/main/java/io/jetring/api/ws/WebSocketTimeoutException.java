package io.jetring.api.ws;

/**
 * Something took too long: the connection was idle past the idle timeout, a ping was not answered
 * before the next was due, or (client) the connection was not established within the connect timeout.
 */
public final class WebSocketTimeoutException extends WebSocketException {
    /** Creates the exception; the message names the timeout and its value. */
    public WebSocketTimeoutException(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public WebSocketTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
