package io.jetring.client;

/**
 * No connection could be made: the host is unknown, the port refused the connection, or the
 * network is unreachable. Nothing was sent, so retrying is safe for every method.
 */
public final class ConnectFailedException extends ClientException {
    /** Creates the exception; the message names the call and the reason. */
    public ConnectFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
