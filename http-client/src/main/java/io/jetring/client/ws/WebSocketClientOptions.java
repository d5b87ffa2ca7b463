package io.jetring.client.ws;

import io.jetring.api.InvalidOptionException;
import io.jetring.api.ws.WebSocketOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How a {@link WebSocketClient} connects, as one immutable value.
 *
 * <table>
 *   <caption>Client options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>rule</th></tr>
 *   <tr><td>connectTimeout</td><td>10 s</td><td>positive; covers TCP, TLS and the upgrade</td></tr>
 *   <tr><td>sslContext</td><td>the JDK's default (its trust store)</td><td>certificates and host names are
 *       always verified; give a context to trust other certificates</td></tr>
 *   <tr><td>websocket</td><td>{@link WebSocketOptions#defaults()}</td><td>the same limits and keep-alive as
 *       the server; {@code allowedOrigins} does not apply to a client</td></tr>
 * </table>
 *
 * @param connectTimeout how long {@code connect} may take until the WebSocket is open
 * @param sslContext     the TLS context for {@code wss://}; empty uses the JDK's default
 * @param websocket      the limits and timers of the connections
 */
public record WebSocketClientOptions(Duration connectTimeout, Optional<SSLContext> sslContext, WebSocketOptions websocket) {
    private static final WebSocketClientOptions DEFAULTS =
            new WebSocketClientOptions(Duration.ofSeconds(10), Optional.empty(), WebSocketOptions.defaults());

    /** Checks the rules. */
    public WebSocketClientOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(sslContext, "sslContext");
        Objects.requireNonNull(websocket, "websocket");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || connectTimeout.toMillis() < 1) {
            throw InvalidOptionException.of("connectTimeout", connectTimeout, "a positive duration of at least 1 ms");
        }
    }

    /** Every option at its default. */
    public static WebSocketClientOptions defaults() {
        return DEFAULTS;
    }

    /** These options with another connect timeout. */
    public WebSocketClientOptions withConnectTimeout(Duration connectTimeout) {
        return new WebSocketClientOptions(connectTimeout, sslContext, websocket);
    }

    /** These options with a TLS context, for servers whose certificate the JDK does not trust. */
    public WebSocketClientOptions withSslContext(SSLContext sslContext) {
        return new WebSocketClientOptions(connectTimeout, Optional.of(sslContext), websocket);
    }

    /** These options with other WebSocket limits and timers. */
    public WebSocketClientOptions withWebsocket(WebSocketOptions websocket) {
        return new WebSocketClientOptions(connectTimeout, sslContext, websocket);
    }
}
