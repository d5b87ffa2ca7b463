package io.jetring.client;

/** When the client speaks HTTP/2. Whatever the mode, a server that does not agree gets HTTP/1.1 over TLS. */
public enum Http2Mode {
    /** Never: HTTP/1.1 only. */
    DISABLED,
    /**
     * Over TLS, when the server agrees through ALPN ({@code h2}); clear-text connections use
     * HTTP/1.1. The default: it is safe with any server.
     */
    TLS,
    /**
     * Over TLS through ALPN as with {@link #TLS}, and in clear text with prior knowledge
     * ({@code h2c}, no upgrade round trip): only for servers known to speak it, such as a
     * {@code JetServer} with HTTP/2 on.
     */
    PRIOR_KNOWLEDGE
}
