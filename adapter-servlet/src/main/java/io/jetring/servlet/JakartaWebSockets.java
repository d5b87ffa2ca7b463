package io.jetring.servlet;

import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.servlet.internal.JakartaUpgradeFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;

/**
 * Runs a jetring {@link WebSocketHandler} in a servlet container through its Jakarta WebSocket
 * support (Jakarta WebSocket 2.1 or later: Tomcat 10.1 and 11, or any container with
 * {@code ServerContainer.upgradeHttpToWebSocket}). The handler and its listeners are the ones
 * {@code JetServer} runs; see {@code docs/servlet.md} for what the container decides instead.
 *
 * <pre>{@code
 * JakartaWebSockets.install(context, "/ws/*", wsHandler, WebSocketOptions.defaults());
 * }</pre>
 */
public final class JakartaWebSockets {
    private JakartaWebSockets() {
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
        return new JakartaUpgradeFilter(handler, options).register(context, urlPattern);
    }

    /**
     * The filter itself, for containers or frameworks that register filters their own way; it must
     * run for {@code REQUEST} dispatches, before the servlet that serves the other requests.
     */
    public static Filter filter(WebSocketHandler handler, WebSocketOptions options) {
        return new JakartaUpgradeFilter(handler, options);
    }
}
