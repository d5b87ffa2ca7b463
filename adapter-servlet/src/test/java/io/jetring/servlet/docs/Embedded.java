package io.jetring.servlet.docs;

import io.jetring.api.RingHandler;
import io.jetring.servlet.RingServlet;
import io.jetring.servlet.ServletOptions;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;

/** {@code docs/servlet.md}, "Embedded": the same handler in embedded Jetty ee10 and embedded Tomcat. */
public final class Embedded {
    private Embedded() {
    }

    /** Jetty 12 with the ee10 servlet module, serving {@code handler} on {@code port}. */
    public static Server jetty(RingHandler handler, int port) throws Exception {
        Server server = new Server(port);
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder ring = new ServletHolder("ring", new RingServlet(handler, ServletOptions.defaults()));
        ring.setAsyncSupported(true);
        context.addServlet(ring, "/*");
        server.setHandler(context);
        server.start();
        return server;
    }

    /** Tomcat 11, serving {@code handler} on {@code port}, working files under {@code baseDir}. */
    public static Tomcat tomcat(RingHandler handler, int port, Path baseDir) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(port);
        Context context = tomcat.addContext("", baseDir.toString());
        Wrapper ring = Tomcat.addServlet(context, "ring", new RingServlet(handler));
        ring.setAsyncSupported(true);
        context.addServletMapping("/*", "ring");
        tomcat.getConnector(); // creates the default HTTP/1.1 connector
        tomcat.start();
        return tomcat;
    }
}
