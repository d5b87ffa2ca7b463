package io.jetring.rpc;

/**
 * A {@link Codec} could not turn bytes into a value, or a value into bytes. In a handler, a request
 * that cannot be decoded is answered with the error reply {@code bad request: <message>}, so the
 * message should name what is wrong without revealing internals.
 */
public final class CodecException extends RpcException {
    /** Creates the exception; the message says what could not be read. */
    public CodecException(String message) {
        super(message);
    }

    /** Creates the exception with the codec's own failure as the cause (not shown to the peer). */
    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
