package io.jetring.client;

/**
 * The TLS handshake failed: the server's certificate is not trusted or does not match the host,
 * or client and server share no protocol version or cipher suite. See {@link ClientOptions#trust()}.
 */
public final class TlsException extends ClientException {
    /** Creates the exception; the message names the call and the reason. */
    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
