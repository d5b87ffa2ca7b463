package io.jetring.client.ws.internal;

import io.jetring.api.Headers;
import io.jetring.api.JetringException;
import io.jetring.api.Request;
import io.jetring.api.ws.CloseCodes;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.engine.ws.WebSocketConnection;
import io.jetring.client.ws.WebSocketClientOptions;
import io.jetring.client.ws.WebSocketRequest;
import io.jetring.engine.jetty.JettyEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;

/** The Jetty WebSocket client behind {@link io.jetring.client.ws.WebSocketClient}. */
public final class ClientEngine {
    private static final long CLOSE_WAIT_MS = 5_000;

    private final WebSocketClientOptions options;
    private final HttpClient http;
    private final org.eclipse.jetty.websocket.client.WebSocketClient jetty;
    private final Set<WebSocketConnection> open = ConcurrentHashMap.newKeySet();

    /** Creates and starts the Jetty client. */
    public ClientEngine(WebSocketClientOptions options) {
        this.options = options;
        SslContextFactory.Client tls = new SslContextFactory.Client();
        // Verification stays on: the JDK's trust store unless a context is given, and host names always.
        tls.setEndpointIdentificationAlgorithm("HTTPS");
        options.sslContext().ifPresent(tls::setSslContext);
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("jetring-ws-client");
        threads.setDaemon(true);
        http = new HttpClient();
        http.setExecutor(threads);
        http.setScheduler(new ScheduledExecutorScheduler("jetring-ws-client-timer", true));
        http.setSslContextFactory(tls);
        http.setConnectTimeout(options.connectTimeout().toMillis());
        jetty = new org.eclipse.jetty.websocket.client.WebSocketClient(http);
        JettyEndpoint.limit(jetty, options.websocket());
        try {
            http.start();
            jetty.start();
        } catch (Exception e) {
            close();
            throw new JetringException("WebSocket client: could not start: " + e, e);
        }
    }

    /** Opens a WebSocket; see {@link io.jetring.client.ws.WebSocketClient}. */
    public CompletionStage<WebSocket> connect(WebSocketRequest request, WebSocketListener listener) {
        JettyEndpoint endpoint = new JettyEndpoint(listener, options.websocket(),
                session -> upgradeRequest(request.uri(), session), http.getScheduler(), http.getExecutor(), this::opened);
        ClientUpgradeRequest upgrade = new ClientUpgradeRequest(request.uri());
        request.headers().toMap().forEach(upgrade::setHeader);
        if (!request.subprotocols().isEmpty()) {
            upgrade.setSubProtocols(request.subprotocols());
        }
        upgrade.setTimeout(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture<WebSocket> result = new CompletableFuture<>();
        try {
            jetty.connect(endpoint, upgrade).whenComplete((session, failure) -> {
                if (failure == null) {
                    result.complete(endpoint.connection());
                } else {
                    result.completeExceptionally(ConnectFailures.translate(failure, request.uri(), options.connectTimeout()));
                }
            });
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(ConnectFailures.translate(e, request.uri(), options.connectTimeout()));
        }
        return result;
    }

    private void opened(JettyEndpoint endpoint) {
        WebSocketConnection connection = endpoint.connection();
        open.add(connection);
        connection.whenClosed().whenComplete((ok, failure) -> open.remove(connection));
    }

    /** The upgrade request as sent, for {@link WebSocket#upgradeRequest()}. */
    private static Request upgradeRequest(URI uri, Session session) {
        boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
        Request.Builder builder = Request.builder()
                .method("GET")
                .scheme(secure ? "https" : "http")
                .serverName(uri.getHost())
                .serverPort(port)
                .path(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                .queryString(uri.getRawQuery())
                .protocol("HTTP/1.1")
                .headers(Headers.from(session.getUpgradeRequest().getHeaders()));
        SocketAddress remote = session.getRemoteSocketAddress();
        if (remote instanceof InetSocketAddress inet) {
            builder.remoteAddr(inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress())
                    .remotePort(inet.getPort());
        }
        return builder.build();
    }

    /** Closes open WebSockets with 1001, waits a little for them, stops Jetty. */
    public void close() {
        CompletableFuture<?>[] closing = open.stream()
                .map(c -> c.close(CloseCodes.GOING_AWAY, "client closing").toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(closing).get(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Whatever is still open is cut when Jetty stops.
        }
        try {
            jetty.stop();
        } catch (Exception ignored) {
            // stopping is best effort
        }
        try {
            http.stop();
        } catch (Exception ignored) {
            // stopping is best effort
        }
    }

    @Override
    public String toString() {
        return (http.isRunning() ? "running, " : "stopped, ") + open.size() + " open";
    }
}
