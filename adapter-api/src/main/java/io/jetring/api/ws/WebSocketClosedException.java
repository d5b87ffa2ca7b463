package io.jetring.api.ws;

/**
 * A send or ping was refused, or never reached the wire, because the WebSocket is closing or closed.
 */
public final class WebSocketClosedException extends WebSocketException {
    /** Creates the exception; the message says why the WebSocket is closed. */
    public WebSocketClosedException(String message) {
        super(message);
    }

    /** Creates the exception with the failure that closed the connection. */
    public WebSocketClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
