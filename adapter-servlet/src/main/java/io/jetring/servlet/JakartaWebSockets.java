package io.jetring.servlet;

import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.servlet.internal.JakartaUpgradeFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.util.Objects;

/**
 * Runs jetring WebSockets in a servlet container through its Jakarta WebSocket support (Jakarta
 * WebSocket 2.1 or later: Tomcat 10.1 and 11, or any container with
 * {@code ServerContainer.upgradeHttpToWebSocket}): the {@code RingServlet}'s handler (a router's
 * route, say) answers an upgrade request with {@code Response.websocket(listener)}, or a root
 * {@link WebSocketHandler} answers every upgrade, as under {@code JetServer}. The listeners are the
 * ones {@code JetServer} runs; see {@code docs/servlet.md} for what the container decides instead.
 *
 * <pre>{@code
 * JakartaWebSockets.install(context, "/*", WebSocketOptions.defaults());              // routes answer upgrades
 * JakartaWebSockets.install(context, "/ws/*", wsHandler, WebSocketOptions.defaults()); // or one handler
 * }</pre>
 */
public final class JakartaWebSockets {
    private JakartaWebSockets() {
    }

    /**
     * Registers a filter at {@code urlPattern}, in front of the servlets there, that lets the
     * {@code RingServlet} behind it answer WebSocket upgrade requests with {@code Response.websocket}
     * and runs the accepted ones with {@code options} (whose {@code allowedOrigins} it checks before
     * the servlet sees the request). Call it while the context starts, as below.
     */
    public static FilterRegistration.Dynamic install(ServletContext context, String urlPattern, WebSocketOptions options) {
        return new JakartaUpgradeFilter(null, options).register(context, urlPattern);
    }

    /**
     * Registers a filter at {@code urlPattern}, in front of the servlets there (a {@code RingServlet}
     * included), that gives WebSocket upgrade requests to {@code handler} and lets every other request
     * through. Call it while the context starts (a {@code ServletContextListener} or
     * {@code ServletContainerInitializer}); the container's WebSocket support must be installed in
     * the context ({@code jakarta.websocket.server.ServerContainer} attribute set) by the time
     * requests arrive.
     */
    public static FilterRegistration.Dynamic install(ServletContext context, String urlPattern, WebSocketHandler handler,
                                                     WebSocketOptions options) {
        return new JakartaUpgradeFilter(Objects.requireNonNull(handler, "handler"), options).register(context, urlPattern);
    }

    /**
     * The filter itself, for containers or frameworks that register filters their own way; it must
     * run for {@code REQUEST} dispatches, before the servlet that serves the other requests.
     */
    public static Filter filter(WebSocketHandler handler, WebSocketOptions options) {
        return new JakartaUpgradeFilter(Objects.requireNonNull(handler, "handler"), options);
    }

    /** The filter of {@link #install(ServletContext, String, WebSocketOptions)}, to register another way. */
    public static Filter filter(WebSocketOptions options) {
        return new JakartaUpgradeFilter(null, options);
    }
}
