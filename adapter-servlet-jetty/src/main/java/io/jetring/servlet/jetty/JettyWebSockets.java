package io.jetring.servlet.jetty;

import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.servlet.jetty.internal.JettyUpgradeFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.util.Objects;

/**
 * Runs a jetring {@link WebSocketHandler} in a Jetty 12 {@code ee10} servlet context through Jetty's
 * own WebSocket container: the handler and its listeners are the ones {@code JetServer} runs, on the
 * same engine, so reads follow the listener's demand (a slow consumer slows the peer through TCP),
 * and {@code onPing} and {@code onError} are reported as under {@code JetServer}. For other
 * containers, {@code io.jetring.servlet.JakartaWebSockets} does the same through the Jakarta
 * WebSocket API. See {@code docs/servlet.md}.
 *
 * <pre>{@code
 * JettyWebSockets.install(servletContext, "/ws/*", wsHandler, WebSocketOptions.defaults());
 * }</pre>
 */
public final class JettyWebSockets {

    private JettyWebSockets() {
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
        JettyUpgradeFilter filter = new JettyUpgradeFilter(handler, options);
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
        return new JettyUpgradeFilter(handler, options);
    }
}
