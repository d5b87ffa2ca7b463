/**
 * {@code JetServer}: jetring's handlers on Jetty 12 core handlers, WebSockets included. Only
 * {@code io.jetring.jetty} is exported; its one Jetty type is the {@code Server} that
 * {@code ServerOptions}' escape hatch hands over.
 *
 * <p>The request header deadline reads Jetty's HTTP/1 parser, in a package that Jetty's module does
 * not export: run with
 * {@code --add-exports org.eclipse.jetty.server/org.eclipse.jetty.server.internal=io.jetring.jetty},
 * or the server says at start that it is off.
 */
module io.jetring.jetty {
    requires transitive io.jetring.api;
    requires transitive org.eclipse.jetty.server;
    requires io.jetring.engine;
    requires io.jetring.engine.jetty;
    requires io.jetring.flow;
    requires org.eclipse.jetty.alpn.java.server;
    requires org.eclipse.jetty.alpn.server;
    requires org.eclipse.jetty.http;
    requires org.eclipse.jetty.http2.common;
    requires org.eclipse.jetty.http2.server;
    requires org.eclipse.jetty.io;
    requires org.eclipse.jetty.util;
    requires org.eclipse.jetty.websocket.common;
    requires org.eclipse.jetty.websocket.server;
    requires org.slf4j;

    exports io.jetring.jetty;
}
