package io.jetring.servlet.jetty.docs;

import io.jetring.api.RingHandler;
import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.servlet.RingServlet;
import io.jetring.servlet.jetty.JettyWebSockets;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;

/** The embedded Jetty example of docs/servlet.md, section "Jetty ee10: JettyWebSockets". */
public final class EmbeddedJetty {
    private EmbeddedJetty() {
    }

    public static Server start(RingHandler handler, WebSocketHandler websockets, int port) throws Exception {
        Server server = new Server(port);
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder ring = new ServletHolder("ring", new RingServlet(handler));
        ring.setAsyncSupported(true);
        context.addServlet(ring, "/*");
        context.addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                JettyWebSockets.install(event.getServletContext(), "/ws/*", websockets, WebSocketOptions.defaults());
            }
        });
        server.setHandler(context);
        server.start();
        return server;
    }
}
