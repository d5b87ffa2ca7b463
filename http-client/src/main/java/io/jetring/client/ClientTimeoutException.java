package io.jetring.client;

import java.time.Duration;
import java.util.Objects;

/**
 * A time limit ran out before the call completed; {@link #kind()} says which one and
 * {@link #timeout()} how long it was.
 */
public final class ClientTimeoutException extends ClientException {
    private final Kind kind;
    private final Duration timeout;

    /** Creates the exception; the message names the call, the limit and its length. */
    public ClientTimeoutException(String message, Kind kind, Duration timeout, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Which limit ran out. */
    public Kind kind() {
        return kind;
    }

    /** The length of the limit that ran out. */
    public Duration timeout() {
        return timeout;
    }

    /** The time limits of a call. */
    public enum Kind {
        /** {@link ClientOptions#connectTimeout()}: the TCP connection was not established in time. */
        CONNECT,
        /**
         * {@link ClientOptions#requestTimeout()} or {@link ClientRequest#timeout()}: the stage did not
         * complete in time (for a streamed body: the response headers did not arrive in time).
         */
        REQUEST,
        /** {@link ClientOptions#idleTimeout()}: the connection carried no bytes for that long. */
        IDLE
    }
}
