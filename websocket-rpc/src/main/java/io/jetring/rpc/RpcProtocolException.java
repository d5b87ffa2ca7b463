package io.jetring.rpc;

import io.jetring.api.ws.CloseCodes;

/**
 * The peer sent a message that breaks the wire format ({@code docs/rpc-protocol.md}): the connection
 * is closed with {@link #closeCode()} and every call on it fails with {@link RpcClosedException}.
 */
public final class RpcProtocolException extends RpcException {
    private final int closeCode;

    /** Creates the exception with the close code it leads to. */
    public RpcProtocolException(int closeCode, String message) {
        super(message);
        this.closeCode = closeCode;
    }

    /** A message that cannot be read as a frame: close code {@code 1002}. */
    static RpcProtocolException malformed(String what) {
        return new RpcProtocolException(CloseCodes.PROTOCOL_ERROR, "malformed RPC message: " + what);
    }

    /** The WebSocket close code this violation closes the connection with. */
    public int closeCode() {
        return closeCode;
    }
}
