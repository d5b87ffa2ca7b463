/**
 * The engine toolkit's Jetty side: the bridge between Jetty's WebSocket API and jetring's, shared by
 * the server, the servlet bridge on Jetty and the client. For engines, not applications.
 */
module io.jetring.engine.jetty {
    requires transitive io.jetring.engine;
    requires io.jetring.flow;
    requires transitive org.eclipse.jetty.util;
    requires org.eclipse.jetty.io;
    requires transitive org.eclipse.jetty.websocket.api;
    requires org.slf4j;

    // Exported to all, though not API: Jetty's WebSocket layer finds JettyEndpoint's listener methods
    // through MethodHandles.publicLookup(), which reaches only packages exported to everyone (a
    // qualified export or an opens fails at the first WebSocket: "Unable to access method").
    exports io.jetring.engine.jetty;
}
