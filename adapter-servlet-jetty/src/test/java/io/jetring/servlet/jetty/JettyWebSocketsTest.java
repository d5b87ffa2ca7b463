package io.jetring.servlet.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.Response;
import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.api.ws.WebSocketUpgrade;
import io.jetring.servlet.ObservabilitySuite;
import io.jetring.servlet.UpgradeSuite;
import io.jetring.servlet.WebSocketSuite;
import io.jetring.servlet.testing.ContainerFixture;
import io.jetring.servlet.testing.JettyServletFixture;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.lang.reflect.Proxy;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The shared WebSocket suite under a Jetty 12 ee10 {@code ServletContextHandler}, through Jetty's own
 * WebSocket container, installed both ways a user would: {@link JettyWebSockets#install} from a
 * context listener, and {@link JettyWebSockets#filter} registered as a filter; then what install
 * does with a context it cannot serve; the upgrade suite, WebSocket responses from the servlet's
 * handler, both ways; and the observability suite.
 */
class JettyWebSocketsTest {

    /** {@code install} from a {@code ServletContextListener}, as docs/servlet.md shows. */
    static final JettyServletFixture INSTALLED = new JettyServletFixture((context, handler, options) ->
            context.addEventListener(new ServletContextListener() {
                @Override
                public void contextInitialized(ServletContextEvent event) {
                    if (handler.isPresent()) {
                        JettyWebSockets.install(event.getServletContext(), "/*", handler.get(), options);
                    } else {
                        JettyWebSockets.install(event.getServletContext(), "/*", options);
                    }
                }
            }));

    /** The bare filter in a {@code FilterHolder}: it sets up Jetty's WebSocket container itself. */
    static final JettyServletFixture AS_A_FILTER = new JettyServletFixture((context, handler, options) -> {
        FilterHolder upgrades = new FilterHolder(handler.map(h -> JettyWebSockets.filter(h, options))
                .orElseGet(() -> JettyWebSockets.filter(options)));
        upgrades.setAsyncSupported(true);
        context.addFilter(upgrades, "/*", EnumSet.of(DispatcherType.REQUEST));
    });

    @Nested
    class Installed extends WebSocketSuite {
        @Override
        protected ContainerFixture fixture() {
            return INSTALLED;
        }
    }

    @Nested
    class AsAFilter extends WebSocketSuite {
        @Override
        protected ContainerFixture fixture() {
            return AS_A_FILTER;
        }
    }

    /** WebSocket responses from the servlet's handler, through an installed engine without a WebSocket handler. */
    @Nested
    class Upgrades extends UpgradeSuite {
        @Override
        protected ContainerFixture fixture() {
            return INSTALLED;
        }
    }

    /** The same through the bare filter. */
    @Nested
    class UpgradesAsAFilter extends UpgradeSuite {
        @Override
        protected ContainerFixture fixture() {
            return AS_A_FILTER;
        }
    }

    /** What the servlet's observers see, and readiness at the stop, with the installed engine. */
    @Nested
    class Observability extends ObservabilitySuite {
        @Override
        protected ContainerFixture fixture() {
            return INSTALLED;
        }
    }

    private static final WebSocketHandler REJECT_ALL = request -> WebSocketUpgrade.reject(Response.notFound());

    @Test
    void installRefusesAContextThatIsNotJettys() {
        ServletContext tomcatLike = (ServletContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getServerInfo" -> "Apache Tomcat/11.0.25";
                    case "getAttribute" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        assertThatThrownBy(() -> JettyWebSockets.install(tomcatLike, "/ws/*", REJECT_ALL, WebSocketOptions.defaults()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Apache Tomcat/11.0.25")
                .hasMessageContaining("JakartaWebSockets");
    }

    @Test
    void installingTwiceAtOnePatternFailsAndNamesIt() throws Exception {
        AtomicReference<Throwable> second = new AtomicReference<>();
        Server server = new Server(0);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                JettyWebSockets.install(event.getServletContext(), "/ws/*", REJECT_ALL, WebSocketOptions.defaults());
                try {
                    JettyWebSockets.install(event.getServletContext(), "/ws/*", REJECT_ALL, WebSocketOptions.defaults());
                } catch (Throwable t) {
                    second.set(t);
                }
            }
        });
        server.setHandler(context);
        server.start();
        try {
            assertThat(second.get()).isInstanceOf(IllegalStateException.class)
                    .hasMessage("a jetring WebSocket filter is already installed at /ws/*");
        } finally {
            server.stop();
        }
    }
}
