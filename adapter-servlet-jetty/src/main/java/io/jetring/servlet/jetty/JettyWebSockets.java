package io.jetring.servlet.jetty;

import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.servlet.jetty.internal.JettyUpgradeFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.util.Objects;

/**
 * Runs jetring WebSockets in a Jetty 12 {@code ee10} servlet context through Jetty's own WebSocket
 * container: the {@code RingServlet}'s handler (a router's route, say) answers an upgrade request
 * with {@code Response.websocket(listener)}, or a root {@link WebSocketHandler} answers every
 * upgrade. The listeners are the ones {@code JetServer} runs, on the
 * same engine, so reads follow the listener's demand (a slow consumer slows the peer through TCP),
 * and {@code onPing} and {@code onError} are reported as under {@code JetServer}. For other
 * containers, {@code io.jetring.servlet.JakartaWebSockets} does the same through the Jakarta
 * WebSocket API. See {@code docs/servlet.md}.
 *
 * <pre>{@code
 * JettyWebSockets.install(servletContext, "/*", WebSocketOptions.defaults());              // routes answer upgrades
 * JettyWebSockets.install(servletContext, "/ws/*", wsHandler, WebSocketOptions.defaults()); // or one handler
 * }</pre>
 */
public final class JettyWebSockets {

    private JettyWebSockets() {
    }

    /**
     * Registers a filter at {@code urlPattern}, in front of the servlets there, that lets the
     * {@code RingServlet} behind it answer WebSocket upgrade requests with {@code Response.websocket}
     * and runs the accepted ones with {@code options} (whose {@code allowedOrigins} it checks before
     * the servlet sees the request); sets up Jetty's WebSocket container in the context if it is not
     * there yet. Call it while the context starts.
     *
     * @throws IllegalStateException as {@link #install(ServletContext, String, WebSocketHandler, WebSocketOptions)}
     */
    public static FilterRegistration.Dynamic install(ServletContext context, String urlPattern, WebSocketOptions options) {
        Objects.requireNonNull(context, "context");
        JettyUpgradeFilter filter = new JettyUpgradeFilter(null, options);
        JettyUpgradeFilter.ensureContainer(context);
        return filter.register(context, urlPattern);
    }

    /**
     * Registers a filter at {@code urlPattern}, in front of the servlets there (a {@code RingServlet}
     * included), that gives WebSocket upgrade requests to {@code handler} and lets every other request
     * through, and sets up Jetty's WebSocket container in the context if it is not there yet. Call it
     * while the context starts (a {@code ServletContextListener} or {@code ServletContainerInitializer}).
     *
     * @throws IllegalStateException if {@code context} is not a Jetty 12 {@code ee10} servlet context,
     *                               or a jetring WebSocket filter is already installed at {@code urlPattern}
     */
    public static FilterRegistration.Dynamic install(ServletContext context, String urlPattern, WebSocketHandler handler,
                                                     WebSocketOptions options) {
        Objects.requireNonNull(context, "context");
        JettyUpgradeFilter filter = new JettyUpgradeFilter(Objects.requireNonNull(handler, "handler"), options);
        JettyUpgradeFilter.ensureContainer(context);
        return filter.register(context, urlPattern);
    }

    /**
     * The filter itself, for registering it another way (a {@code FilterHolder}, a framework's
     * filter registration): map it for {@code REQUEST} dispatches, with async support, before the
     * servlet that serves the other requests. It sets up Jetty's WebSocket container in its
     * {@code init}, if the context has none: the container must initialise it.
     */
    public static Filter filter(WebSocketHandler handler, WebSocketOptions options) {
        return new JettyUpgradeFilter(Objects.requireNonNull(handler, "handler"), options);
    }

    /** The filter of {@link #install(ServletContext, String, WebSocketOptions)}, to register another way. */
    public static Filter filter(WebSocketOptions options) {
        return new JettyUpgradeFilter(null, options);
    }
}
