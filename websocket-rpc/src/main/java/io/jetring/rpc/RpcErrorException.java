package io.jetring.rpc;

/**
 * An error reply, in either direction. A handler throws it (or fails its stage with it) to answer a
 * request with an error reply that carries exactly this message; the caller's stage then fails with
 * an {@code RpcErrorException} whose {@link #getMessage()} is the peer's message. Other exceptions
 * from a handler reach the peer only as the generic {@code internal error}.
 */
public class RpcErrorException extends RpcException {
    /** An error whose message the peer will see. */
    public RpcErrorException(String message) {
        super(message);
    }

    /** An error whose message the peer will see; the cause stays on this side. */
    public RpcErrorException(String message, Throwable cause) {
        super(message, cause);
    }
}
