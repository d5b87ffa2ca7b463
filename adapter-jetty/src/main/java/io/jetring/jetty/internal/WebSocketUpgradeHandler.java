package io.jetring.jetty.internal;

import io.jetring.api.BadRequestException;
import io.jetring.api.DataSize;
import io.jetring.api.InvalidArgumentException;
import io.jetring.api.Response;
import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.api.ws.WebSocketUpgrade;
import io.jetring.websocket.internal.JettyEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.common.SessionTracker;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends WebSocket upgrade requests to the {@link WebSocketHandler} and every other request to the
 * wrapped handler (the Ring handler). The WebSocket handler may block, so when the chain runs on I/O
 * threads (an async Ring handler) upgrades are dispatched to a worker thread first.
 */
public final class WebSocketUpgradeHandler extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger("io.jetring.jetty.JetServer");

    private final ServerWebSocketContainer container;
    private final WebSocketHandler handler;
    private final WebSocketOptions options;
    private final DataSize maxBodySize;
    private final WebSocketDrain drain;

    private WebSocketUpgradeHandler(Handler next, ServerWebSocketContainer container, WebSocketHandler handler,
                                    WebSocketOptions options, DataSize maxBodySize, WebSocketDrain drain) {
        super(next);
        this.container = container;
        this.handler = handler;
        this.options = options;
        this.maxBodySize = maxBodySize;
        this.drain = drain;
    }

    /**
     * Installs WebSocket support on {@code server} (before it starts) and returns the handler to put
     * inside {@code graceful} in place of {@code next}. On a graceful stop, open WebSockets are closed
     * with {@code 1001} once {@code graceful} has drained the HTTP requests in flight and the
     * {@code drainHooks} have completed.
     */
    public static Handler install(Server server, GracefulHandler graceful, Handler next, WebSocketHandler handler,
                                  WebSocketOptions options, DataSize maxBodySize, Duration stopTimeout,
                                  List<Supplier<CompletionStage<Void>>> drainHooks) {
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
        return new WebSocketUpgradeHandler(next, container, handler, options, maxBodySize, drain);
    }

    @Override
    public boolean handle(Request request, org.eclipse.jetty.server.Response response, Callback callback) throws Exception {
        if (!request.getHeaders().contains(HttpHeader.SEC_WEBSOCKET_VERSION)) {
            return super.handle(request, response, callback);
        }
        if (getInvocationType() == InvocationType.BLOCKING) {
            upgrade(request, response, callback);
        } else {
            request.getComponents().getExecutor().execute(() -> upgrade(request, response, callback));
        }
        return true;
    }

    private void upgrade(Request request, org.eclipse.jetty.server.Response response, Callback callback) {
        try {
            if (container.upgrade(this::create, request, response, callback)) {
                return;
            }
            // Not a valid WebSocket handshake after all: an ordinary request for the Ring handler.
            Handler next = getHandler();
            if (next == null || !next.handle(request, response, callback)) {
                org.eclipse.jetty.server.Response.writeError(request, response, callback, 404);
            }
        } catch (Throwable t) {
            LOG.error("{} {}: the WebSocket upgrade failed", request.getMethod(), request.getHttpURI().getPath(), t);
            if (response.isCommitted()) {
                callback.failed(t);
            } else {
                org.eclipse.jetty.server.Response.writeError(request, response, callback, 500);
            }
        }
    }

    /** Jetty's creator: asks the WebSocket handler; returns the endpoint, or null once it answered itself. */
    private Object create(ServerUpgradeRequest upgradeRequest, ServerUpgradeResponse upgradeResponse, Callback callback) {
        Exchange exchange = new Exchange(upgradeRequest, upgradeResponse, callback, true, drain::isShutdown);
        io.jetring.api.Request request;
        try {
            request = Requests.from(upgradeRequest, maxBodySize, exchange::idleTimeoutIsFatal);
        } catch (BadRequestException e) {
            exchange.fail(e);
            return null;
        }
        if (!options.allowsOrigin(request.header("Origin"))) {
            LOG.debug("{}: WebSocket upgrade from origin {} refused (allowedOrigins: {})", request.path(),
                    request.header("Origin").orElse(""), options.allowedOrigins());
            exchange.respond(Response.text(403, "Forbidden: origin not allowed"));
            return null;
        }
        WebSocketUpgrade decision;
        try {
            decision = handler.handle(request);
        } catch (Throwable t) {
            exchange.fail(t);
            return null;
        }
        if (decision instanceof WebSocketUpgrade.Reject reject) {
            exchange.respond(reject.response());
            return null;
        }
        if (!(decision instanceof WebSocketUpgrade.Accept accept)) {
            exchange.fail(new NullPointerException("the WebSocket handler returned null (expected: a WebSocketUpgrade)"));
            return null;
        }
        if (accept.subprotocol().isPresent()) {
            String protocol = accept.subprotocol().get();
            if (!upgradeRequest.hasSubProtocol(protocol)) {
                exchange.fail(InvalidArgumentException.of("subprotocol", "\"" + protocol + "\"",
                        "one the client offered: " + upgradeRequest.getSubProtocols()));
                return null;
            }
            upgradeResponse.setAcceptedSubProtocol(protocol);
        }
        return new JettyEndpoint(accept.listener(), options, session -> request,
                upgradeRequest.getComponents().getScheduler(), upgradeRequest.getComponents().getExecutor(),
                drain::opened);
    }

    @Override
    public String toString() {
        return "WebSocketUpgradeHandler[" + handler + "]";
    }
}
