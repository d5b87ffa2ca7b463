package io.jetring.api.ws;

import io.jetring.api.JetringException;

/** The root of the WebSocket failures that jetring reports: a send failed, the peer broke a rule, a timeout. */
public class WebSocketException extends JetringException {
    /** Creates the exception; the message says what failed. */
    public WebSocketException(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public WebSocketException(String message, Throwable cause) {
        super(message, cause);
    }
}
