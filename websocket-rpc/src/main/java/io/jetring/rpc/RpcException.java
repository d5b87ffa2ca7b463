package io.jetring.rpc;

import io.jetring.api.JetringException;

/**
 * The root of the RPC failures: a call that timed out ({@link RpcTimeoutException}), was answered
 * with an error ({@link RpcErrorException}) or lost its connection ({@link RpcClosedException}), a
 * malformed message ({@link RpcProtocolException}), bytes a codec cannot read ({@link CodecException}).
 * A call that could not be sent for another reason (say, a full outbound queue) fails with this type
 * and the WebSocket's exception as the cause.
 */
public class RpcException extends JetringException {
    /** Creates the exception; the message says what failed. */
    public RpcException(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public RpcException(String message, Throwable cause) {
        super(message, cause);
    }
}
