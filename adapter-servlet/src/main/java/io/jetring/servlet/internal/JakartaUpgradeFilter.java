package io.jetring.servlet.internal;

import io.jetring.api.Body;
import io.jetring.api.Request;
import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketOptions;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;

/**
 * Upgrades accepted requests through the container's Jakarta WebSocket {@link ServerContainer}
 * ({@code upgradeHttpToWebSocket}, Jakarta WebSocket 2.1 and later), one
 * {@link ServerEndpointConfig} per connection whose {@link ServerEndpointConfig.Configurator} hands
 * out that connection's {@link JakartaEndpoint}.
 */
public final class JakartaUpgradeFilter extends WebSocketUpgradeFilter {
    /** The servlet context attribute under which a container publishes its {@link ServerContainer}. */
    public static final String SERVER_CONTAINER = "jakarta.websocket.server.ServerContainer";

    /**
     * The keep-alive clock: made by {@link #init} (or by the first upgrade, for a filter the container
     * never initialised, as a delegating filter may be), ended by {@link #destroy}; a container may
     * put the filter in service again.
     */
    private WebSocketTimers timers;

    /**
     * A filter for {@code handler}'s upgrades, run with {@code options}; with a {@code null} handler
     * the servlet behind it answers upgrades.
     */
    public JakartaUpgradeFilter(WebSocketHandler handler, WebSocketOptions options) {
        super(handler, options);
    }

    /** Put in service: a keep-alive clock of its own. */
    @Override
    public void init(FilterConfig config) {
        clock();
    }

    /** Taken out of service (the application stops): the keep-alive clock's threads end. */
    @Override
    public void destroy() {
        WebSocketTimers t;
        synchronized (this) {
            t = timers;
            timers = null;
        }
        if (t != null) {
            t.close();
        }
    }

    /** The keep-alive clock in service, or {@code null} (before {@code init}, after {@code destroy}). */
    synchronized WebSocketTimers timers() {
        return timers;
    }

    /** The keep-alive clock in service, made now if there is none: what each upgrade uses. */
    synchronized WebSocketTimers clock() {
        if (timers == null) {
            timers = new WebSocketTimers();
        }
        return timers;
    }

    @Override
    protected boolean upgradeConnection(HttpServletRequest servletRequest, HttpServletResponse servletResponse,
                                        Request request, Body.Upgrade accept) throws Exception {
        Object attribute = servletRequest.getServletContext().getAttribute(SERVER_CONTAINER);
        if (!(attribute instanceof ServerContainer container)) {
            throw new IllegalStateException("no Jakarta WebSocket container in this servlet context (expected: the "
                    + "attribute " + SERVER_CONTAINER + ", set when the container's WebSocket support is installed)");
        }
        JakartaEndpoint endpoint = new JakartaEndpoint(accept.listener(), options(), request, clock());
        endpoint.observe(observer(servletRequest, request));
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(JakartaEndpoint.class, request.path())
                .subprotocols(accept.subprotocol().map(List::of).orElse(List.of()))
                .configurator(new OneEndpoint(endpoint))
                .build();
        container.upgradeHttpToWebSocket(servletRequest, servletResponse, config, Map.of());
        return true;
    }

    /** Hands out the one endpoint made for this upgrade; the filter has checked the origin already. */
    private static final class OneEndpoint extends ServerEndpointConfig.Configurator {
        private final Endpoint endpoint;

        OneEndpoint(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(endpoint);
        }

        @Override
        public boolean checkOrigin(String originHeaderValue) {
            return true;
        }
    }
}
