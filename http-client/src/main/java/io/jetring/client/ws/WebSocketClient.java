package io.jetring.client.ws;

import io.jetring.api.JetringException;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.client.ws.internal.ClientEngine;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Opens WebSockets to servers, with the same {@link WebSocketListener} and {@link WebSocket} types
 * the server uses. One client holds a connection pool's worth of threads and timers: create it once,
 * share it, close it when done (open WebSockets are then closed with {@code 1001}).
 *
 * <pre>{@code
 * try (WebSocketClient client = WebSocketClient.create()) {
 *     WebSocket ws = client.connect(URI.create("ws://localhost:8080/ws/echo"), listener)
 *             .toCompletableFuture().get(10, TimeUnit.SECONDS);
 *     ws.sendText("hello");
 * }
 * }</pre>
 *
 * <p>{@code connect} returns at once. Its stage completes with the open WebSocket after the
 * listener's {@code onOpen} has returned, or fails with the cause and the listener hears nothing:
 * {@link java.net.ConnectException} (refused), {@link javax.net.ssl.SSLHandshakeException} (TLS,
 * including a certificate or host name that does not verify), {@link WebSocketUpgradeException}
 * (the server answered with an HTTP status), {@link io.jetring.api.ws.WebSocketTimeoutException}
 * (not open within the connect timeout).
 */
public final class WebSocketClient implements AutoCloseable {
    private final ClientEngine engine;
    private final WebSocketClientOptions options;

    private WebSocketClient(WebSocketClientOptions options) {
        this.options = options;
        this.engine = new ClientEngine(options);
    }

    /** A client with the default options. */
    public static WebSocketClient create() {
        return create(WebSocketClientOptions.defaults());
    }

    /**
     * A started client with these options.
     *
     * @throws JetringException if its threads cannot start
     */
    public static WebSocketClient create(WebSocketClientOptions options) {
        return new WebSocketClient(Objects.requireNonNull(options, "options"));
    }

    /** Opens a WebSocket to {@code uri} ({@code ws://} or {@code wss://}). */
    public CompletionStage<WebSocket> connect(URI uri, WebSocketListener listener) {
        return connect(WebSocketRequest.of(uri), listener);
    }

    /** Opens a WebSocket as {@code request} describes (headers, subprotocols). */
    public CompletionStage<WebSocket> connect(WebSocketRequest request, WebSocketListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        return engine.connect(request, listener);
    }

    /** The options this client was created with. */
    public WebSocketClientOptions options() {
        return options;
    }

    /** Closes open WebSockets with {@code 1001} and stops the client's threads. Idempotent. */
    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "WebSocketClient[" + engine + "]";
    }
}
