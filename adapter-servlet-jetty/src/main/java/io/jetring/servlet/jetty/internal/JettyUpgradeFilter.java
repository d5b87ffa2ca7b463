package io.jetring.servlet.jetty.internal;

import io.jetring.api.Body;
import io.jetring.api.Request;
import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.servlet.internal.WebSocketUpgradeFilter;
import io.jetring.engine.jetty.JettyEndpoint;
import io.jetring.engine.ws.ConnectionObserver;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServerContainer;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Jetty's own ee10 WebSocket path: the shared upgrade filter, with accepted upgrades run by
 * {@link JettyWebSocketServerContainer#upgrade} on the {@link JettyEndpoint} that {@code JetServer}
 * uses, so reads follow the connection's demand.
 */
public final class JettyUpgradeFilter extends WebSocketUpgradeFilter {
    private volatile JettyWebSocketServerContainer container;
    private volatile Scheduler scheduler;

    /**
     * A filter that asks {@code handler} about each upgrade and runs accepted ones with
     * {@code options}; with a {@code null} handler the servlet behind it answers upgrades.
     */
    public JettyUpgradeFilter(WebSocketHandler handler, WebSocketOptions options) {
        super(handler, options);
    }

    /**
     * The context's Jetty WebSocket container, set up as {@code JettyWebSocketServletContainerInitializer}
     * would if the context has none yet.
     *
     * @throws IllegalStateException if {@code context} is not a Jetty 12 ee10 servlet context
     */
    public static JettyWebSocketServerContainer ensureContainer(ServletContext context) {
        JettyWebSocketServerContainer existing = JettyWebSocketServerContainer.getContainer(context);
        if (existing != null) {
            return existing;
        }
        if (ServletContextHandler.getServletContextHandler(context) == null) {
            throw new IllegalStateException("JettyWebSockets needs a Jetty 12 ee10 servlet context; this one is "
                    + context.getServerInfo() + " (use JakartaWebSockets there)");
        }
        new JettyWebSocketServletContainerInitializer().onStartup(Set.of(), context);
        return JettyWebSocketServerContainer.getContainer(context);
    }

    @Override
    public void init(FilterConfig config) {
        ServletContext context = config.getServletContext();
        container = ensureContainer(context);
        scheduler = ServletContextHandler.getServletContextHandler(context).getServer().getScheduler();
    }

    @Override
    protected boolean upgradeConnection(HttpServletRequest servletRequest, HttpServletResponse servletResponse,
                                        Request request, Body.Upgrade accept) throws Exception {
        JettyWebSocketServerContainer jetty = container;
        if (jetty == null) {
            throw new IllegalStateException("the jetring WebSocket filter was not initialised by the container (a "
                    + "delegating filter must let the container call init, or use JettyWebSockets.install)");
        }
        WebSocketOptions options = options();
        ConnectionObserver observer = observer(servletRequest, request);
        return jetty.upgrade((upgradeRequest, upgradeResponse) -> {
            accept.subprotocol().ifPresent(upgradeResponse::setAcceptedSubProtocol);
            JettyEndpoint endpoint = new JettyEndpoint(accept.listener(), options, session -> request, scheduler,
                    jetty.getExecutor(), opened -> opened.limitSession(options));
            endpoint.connection().observe(observer);
            return endpoint;
        }, servletRequest, servletResponse);
    }
}
