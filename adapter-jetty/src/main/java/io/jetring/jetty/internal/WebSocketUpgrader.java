package io.jetring.jetty.internal;

import io.jetring.api.Body;
import io.jetring.api.Headers;
import io.jetring.api.Request;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.engine.jetty.JettyEndpoint;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.common.SessionTracker;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * Carries out WebSocket responses ({@code Response.websocket}) through Jetty's WebSocket container:
 * every upgrade, whether a route answered it or the root {@code WebSocketHandler} did, ends here.
 * It also owns the options every connection runs with and the open WebSockets.
 */
public final class WebSocketUpgrader {
    private final ServerWebSocketContainer container;
    private final WebSocketOptions options;
    private final OpenWebSockets open;
    private final AccessLog accessLog;

    private WebSocketUpgrader(ServerWebSocketContainer container, WebSocketOptions options, OpenWebSockets open,
                              AccessLog accessLog) {
        this.container = container;
        this.options = options;
        this.open = open;
        this.accessLog = accessLog;
    }

    /**
     * Installs WebSocket support on {@code server} (before it starts), for a server whose graceful
     * stop has begun once {@code stopping} says so: from then on its WebSockets ignore idle timeouts
     * until {@link #closeAll()} closes them, the last step of the stop. Each WebSocket reports its
     * messages and its close to {@code accessLog}, if there is one.
     */
    public static WebSocketUpgrader install(Server server, WebSocketOptions options, BooleanSupplier stopping,
                                            Optional<AccessLog> accessLog) {
        ServerWebSocketContainer container = ServerWebSocketContainer.ensure(server);
        JettyEndpoint.limit(container, options);
        // Jetty's tracker would close every session with 1001 as soon as the stop begins, while HTTP
        // requests still drain; the graceful stop closes them afterwards instead (closeAll).
        SessionTracker tracker = container.getBean(SessionTracker.class);
        if (tracker != null) {
            container.removeBean(tracker);
        }
        return new WebSocketUpgrader(container, options, new OpenWebSockets(stopping), accessLog.orElse(null));
    }

    /** The options every WebSocket runs with; {@code allowedOrigins} is checked before any handler. */
    WebSocketOptions options() {
        return options;
    }

    /**
     * Upgrades the exchange for {@code upgrade}, which {@code Upgrades.refusal} has allowed for
     * {@code request}; {@code headers} go out with the {@code 101}. Returns false, having written
     * nothing, if Jetty finds no valid handshake after all.
     */
    boolean upgrade(org.eclipse.jetty.server.Request jettyRequest, Response jettyResponse, Callback callback,
                    Request request, Body.Upgrade upgrade, Headers headers) {
        return container.upgrade((upgradeRequest, upgradeResponse, upgradeCallback) -> {
            for (int i = 0, n = headers.size(); i < n; i++) {
                upgradeResponse.getHeaders().add(headers.name(i), headers.value(i));
            }
            upgrade.subprotocol().ifPresent(upgradeResponse::setAcceptedSubProtocol);
            JettyEndpoint endpoint = new JettyEndpoint(upgrade.listener(), options, session -> request,
                    upgradeRequest.getComponents().getScheduler(), upgradeRequest.getComponents().getExecutor(),
                    open::opened);
            if (accessLog != null) {
                endpoint.connection().observe(accessLog.webSocket(jettyRequest, request.context()));
            }
            return endpoint;
        }, jettyRequest, jettyResponse, callback);
    }

    /** WebSockets open now. */
    public int open() {
        return open.count();
    }

    /**
     * Closes every open WebSocket with {@code 1001}, and every one that opens from now on; completes
     * when all are closed. The last step of a graceful stop.
     */
    public CompletableFuture<Void> closeAll() {
        return open.closeAll();
    }
}
