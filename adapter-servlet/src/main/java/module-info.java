/**
 * The servlet bridge: {@code RingServlet} runs any handler in a Servlet 6 container;
 * {@code JakartaWebSockets} serves jetring WebSockets through the container's Jakarta WebSocket
 * support, whose API is needed only by applications that use it.
 *
 * <p>{@code RingServlet} creates the handler class named in its init parameters by reflection: that
 * class's package must be exported to this module.
 */
@SuppressWarnings("module") // the Jetty bridge it exports to is built after it
module io.jetring.servlet {
    requires transitive io.jetring.api;
    requires transitive jakarta.servlet;
    requires static jakarta.websocket;
    requires io.jetring.engine;
    requires io.jetring.flow;

    exports io.jetring.servlet;
    exports io.jetring.servlet.internal to io.jetring.servlet.jetty;
}
