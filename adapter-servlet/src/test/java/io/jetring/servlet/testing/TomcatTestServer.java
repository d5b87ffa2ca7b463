package io.jetring.servlet.testing;

import io.jetring.api.RingHandler;
import io.jetring.servlet.RingServlet;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/** Embedded Tomcat 11 on {@code 127.0.0.1}, port 0, with a base directory of its own that is deleted on close. */
public final class TomcatTestServer {
    /** Held so the level sticks: java.util.logging keeps loggers only weakly. */
    private static final Logger TOMCAT_LOG = Logger.getLogger("org.apache");

    static {
        TOMCAT_LOG.setLevel(Level.WARNING);
    }

    private TomcatTestServer() {
    }

    /** {@code RingServlet} for {@code handler} at {@code /*} of the root context, with async support. */
    public static RunningServer start(RingHandler handler) throws Exception {
        return start("", context -> {
            Wrapper ring = Tomcat.addServlet(context, "ring", new RingServlet(handler));
            ring.setAsyncSupported(true);
            context.addServletMapping("/*", "ring");
        });
    }

    /** Tomcat with a context at {@code contextPath}, set up by {@code setup} before it starts. */
    public static RunningServer start(String contextPath, Consumer<Context> setup) throws Exception {
        Path base = Files.createTempDirectory("jetring-tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext(contextPath, base.toString());
        setup.accept(context);
        tomcat.start();

        URI uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
        return new RunningServer() {
            @Override
            public URI baseUri() {
                return uri;
            }

            @Override
            public void close() {
                try {
                    tomcat.stop();
                    tomcat.destroy();
                    deleteTree(base);
                } catch (LifecycleException | IOException e) {
                    throw new IllegalStateException("stopping Tomcat failed", e);
                }
            }
        };
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
