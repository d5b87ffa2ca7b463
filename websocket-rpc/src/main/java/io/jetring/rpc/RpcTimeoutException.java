package io.jetring.rpc;

import java.time.Duration;

/**
 * No answer to a request within its timeout. The request has been forgotten (a late reply is
 * dropped) and a cancel was sent, so that the peer may stop working on it.
 */
public final class RpcTimeoutException extends RpcException {
    private final Duration timeout;

    /** Creates the exception for request {@code id}, which waited {@code timeout}. */
    public RpcTimeoutException(long id, Duration timeout) {
        super("request " + id + ": no reply within " + timeout);
        this.timeout = timeout;
    }

    /** How long the request waited. */
    public Duration timeout() {
        return timeout;
    }
}
