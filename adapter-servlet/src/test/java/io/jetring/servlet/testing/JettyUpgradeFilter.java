package io.jetring.servlet.testing;

import io.jetring.api.Request;
import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.api.ws.WebSocketUpgrade;
import io.jetring.servlet.internal.WebSocketUpgradeFilter;
import io.jetring.websocket.internal.JettyEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServerContainer;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Jetty's own ee10 WebSocket servlet path: the shared upgrade filter, with accepted upgrades run by
 * {@link JettyWebSocketServerContainer#upgrade} on the {@link JettyEndpoint} that {@code JetServer}
 * uses, so reads follow the connection's demand. The context needs
 * {@code JettyWebSocketServletContainerInitializer.configure(context, null)}.
 */
final class JettyUpgradeFilter extends WebSocketUpgradeFilter {

    JettyUpgradeFilter(WebSocketHandler handler, WebSocketOptions options) {
        super(handler, options);
    }

    @Override
    protected boolean upgrade(HttpServletRequest servletRequest, HttpServletResponse servletResponse, Request request,
                              WebSocketUpgrade.Accept accept) throws Exception {
        JettyWebSocketServerContainer container = JettyWebSocketServerContainer.getContainer(servletRequest.getServletContext());
        if (container == null) {
            throw new IllegalStateException("Jetty's WebSocket container is not configured in this context");
        }
        var server = ServletContextHandler.getServletContextHandler(servletRequest.getServletContext()).getServer();
        WebSocketOptions options = options();
        return container.upgrade((upgradeRequest, upgradeResponse) -> {
            accept.subprotocol().ifPresent(upgradeResponse::setAcceptedSubProtocol);
            return new JettyEndpoint(accept.listener(), options, session -> request, server.getScheduler(),
                    container.getExecutor(), endpoint -> limit(endpoint.session(), options));
        }, servletRequest, servletResponse);
    }

    /** This connection's limits, set before its first read (the endpoint reads only on demand). */
    private static void limit(Session session, WebSocketOptions options) {
        session.setIdleTimeout(options.idleTimeout());
        session.setMaxTextMessageSize(options.maxTextMessageSize().bytes());
        session.setMaxBinaryMessageSize(options.maxBinaryMessageSize().bytes());
        session.setMaxFrameSize(Math.max(options.maxTextMessageSize().bytes(), options.maxBinaryMessageSize().bytes()));
    }
}
