package io.jetring.jetty;

/** Whether a TLS server asks clients for a certificate. */
public enum ClientAuth {
    /** No client certificate is asked for. */
    NONE,
    /** A certificate is asked for; a client without one is still served. */
    WANT,
    /** A certificate is required; a client without one is refused during the handshake. */
    NEED
}
