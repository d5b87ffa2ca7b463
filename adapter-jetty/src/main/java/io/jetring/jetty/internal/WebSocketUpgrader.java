package io.jetring.jetty.internal;

import io.jetring.api.Body;
import io.jetring.api.Headers;
import io.jetring.api.Request;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.engine.jetty.JettyEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.common.SessionTracker;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * Carries out WebSocket responses ({@code Response.websocket}) through Jetty's WebSocket container:
 * every upgrade, whether a route answered it or the root {@code WebSocketHandler} did, ends here.
 * It also owns the options every connection runs with and the WebSocket part of a graceful stop.
 */
public final class WebSocketUpgrader {
    private final ServerWebSocketContainer container;
    private final WebSocketOptions options;
    private final WebSocketDrain drain;
    private final AccessLog accessLog;

    private WebSocketUpgrader(ServerWebSocketContainer container, WebSocketOptions options, WebSocketDrain drain,
                              AccessLog accessLog) {
        this.container = container;
        this.options = options;
        this.drain = drain;
        this.accessLog = accessLog;
    }

    /**
     * Installs WebSocket support on {@code server} (before it starts). On a graceful stop, open
     * WebSockets are closed with {@code 1001} once {@code graceful} has drained the HTTP requests in
     * flight and the {@code drainHooks} have completed. Each WebSocket reports its messages and its
     * close to {@code accessLog}, if there is one.
     */
    public static WebSocketUpgrader install(Server server, GracefulHandler graceful, WebSocketOptions options,
                                            Duration stopTimeout, List<Supplier<CompletionStage<Void>>> drainHooks,
                                            Optional<AccessLog> accessLog) {
        ServerWebSocketContainer container = ServerWebSocketContainer.ensure(server);
        JettyEndpoint.limit(container, options);
        // Jetty's tracker would close every session with 1001 as soon as the stop begins, while HTTP
        // requests still drain; WebSocketDrain closes them afterwards instead.
        SessionTracker tracker = container.getBean(SessionTracker.class);
        if (tracker != null) {
            container.removeBean(tracker);
        }
        WebSocketDrain drain = new WebSocketDrain(graceful, stopTimeout, drainHooks);
        server.addBean(drain);
        return new WebSocketUpgrader(container, options, drain, accessLog.orElse(null));
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
                    drain::opened);
            if (accessLog != null) {
                endpoint.connection().observe(accessLog.webSocket(jettyRequest, request.context()));
            }
            return endpoint;
        }, jettyRequest, jettyResponse, callback);
    }

    /** Whether a graceful stop has begun (requests in flight are then bounded by the stop timeout). */
    boolean isShutdown() {
        return drain.isShutdown();
    }

    /** WebSockets open now. */
    public int open() {
        return drain.open();
    }
}
