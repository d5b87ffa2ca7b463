package io.jetring.api.ws;

/**
 * The peer broke the WebSocket protocol or one of our limits, and the WebSocket is being closed with
 * {@link #closeCode()}: {@code 1002} protocol error, {@code 1007} invalid UTF-8 in a text message,
 * {@code 1009} message too big, and so on.
 */
public final class WebSocketProtocolException extends WebSocketException {
    private final int closeCode;

    /** Creates the exception for {@code closeCode}. */
    public WebSocketProtocolException(int closeCode, String message, Throwable cause) {
        super(message, cause);
        this.closeCode = closeCode;
    }

    /** The close code sent to the peer because of this failure. */
    public int closeCode() {
        return closeCode;
    }
}
