package io.jetring.client.ws;

import io.jetring.api.ws.WebSocketException;
import java.net.URI;

/** The server answered the upgrade request with an HTTP status instead of switching to WebSocket. */
public final class WebSocketUpgradeException extends WebSocketException {
    private final int status;
    private final URI uri;

    /** Creates the exception for a refusal with {@code status}. */
    public WebSocketUpgradeException(URI uri, int status, Throwable cause) {
        super("connect " + uri + ": the server answered " + status + " (expected: 101 Switching Protocols)", cause);
        this.status = status;
        this.uri = uri;
    }

    /** The HTTP status the server answered with, such as 403 or 404. */
    public int status() {
        return status;
    }

    /** The URI that was asked for. */
    public URI uri() {
        return uri;
    }
}
