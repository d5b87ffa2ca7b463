package io.jetring.api.ws;

import io.jetring.api.DataSize;

/**
 * A send did not fit in the outbound queue and the {@link OverflowPolicy} is {@code FAIL}. Nothing was
 * sent; the WebSocket stays open, so the caller may retry after earlier sends complete, or close.
 */
public final class WebSocketOverflowException extends WebSocketException {
    private final DataSize limit;

    /** Creates the exception for a send of {@code size} bytes onto {@code queued} bytes. */
    public WebSocketOverflowException(long size, long queued, DataSize limit) {
        super("outbound queue: " + queued + " bytes queued + " + size + " (expected: at most " + limit
                + " queued; wait for earlier sends to complete)");
        this.limit = limit;
    }

    /** The queue limit that the send would have exceeded. */
    public DataSize limit() {
        return limit;
    }
}
