/** {@code JettyWebSockets}: jetring WebSockets in a Jetty 12 ee10 servlet context, through Jetty's own container. */
module io.jetring.servlet.jetty {
    requires transitive io.jetring.api;
    requires transitive jakarta.servlet;
    requires io.jetring.engine;
    requires io.jetring.engine.jetty;
    requires io.jetring.servlet;
    requires org.eclipse.jetty.ee10.servlet;
    requires org.eclipse.jetty.ee10.websocket.jetty.server;
    requires org.eclipse.jetty.util;

    exports io.jetring.servlet.jetty;
}
