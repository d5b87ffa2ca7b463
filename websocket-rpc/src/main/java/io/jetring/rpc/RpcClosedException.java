package io.jetring.rpc;

/**
 * The connection closed before the call was answered, or was not open when the call was made. Every
 * call still waiting when a connection closes fails with this exception.
 */
public final class RpcClosedException extends RpcException {
    /** Creates the exception; the message says how the connection closed. */
    public RpcClosedException(String message) {
        super(message);
    }

    /** Creates the exception with the failure that closed the connection. */
    public RpcClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
