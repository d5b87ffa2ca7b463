/** The asynchronous HTTP client and the WebSocket client, on Jetty's client; Jetty types stay inside. */
module io.jetring.client {
    requires transitive io.jetring.api;
    requires transitive com.fasterxml.jackson.databind;
    requires io.jetring.engine;
    requires io.jetring.engine.jetty;
    requires io.jetring.flow;
    requires io.jetring.json;
    requires org.eclipse.jetty.alpn.java.client;
    requires org.eclipse.jetty.client;
    requires org.eclipse.jetty.http;
    requires org.eclipse.jetty.http2.client;
    requires org.eclipse.jetty.http2.client.transport;
    requires org.eclipse.jetty.io;
    requires org.eclipse.jetty.util;
    requires org.eclipse.jetty.websocket.api;
    requires org.eclipse.jetty.websocket.client;
    requires org.eclipse.jetty.websocket.core.common;
    requires org.slf4j;

    exports io.jetring.client;
    exports io.jetring.client.ws;
}
