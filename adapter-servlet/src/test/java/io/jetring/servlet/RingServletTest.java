package io.jetring.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.InvalidOptionException;
import io.jetring.api.Publishers;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.servlet.docs.AppListener;
import io.jetring.servlet.docs.AppSupplier;
import io.jetring.servlet.testing.Http;
import io.jetring.servlet.testing.LogRecorder;
import io.jetring.servlet.testing.RunningServer;
import io.jetring.servlet.testing.TomcatTestServer;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;

/** What is particular to the servlet: registration, init parameters, async support, logging. */
class RingServletTest {

    @Test
    void aListenerRegistersTheHandlerUnderAContextPath() throws Exception {
        try (RunningServer server = TomcatTestServer.start("/app",
                context -> context.addApplicationListener(AppListener.class.getName()))) {
            assertThat(Http.getText(server.uri("/app/hello?name=Ring")).body()).isEqualTo("Hello, Ring!");
            assertThat(Http.getText(server.uri("/app/where")).body()).isEqualTo("127.0.0.1 /where");
            assertThat(Http.getText(server.uri("/elsewhere")).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void webXmlStyleNamesTheHandlerAndTheLimitsInInitParameters() throws Exception {
        try (RunningServer server = TomcatTestServer.start("", context -> {
            Wrapper ring = context.createWrapper();
            ring.setName("ring");
            ring.setServletClass(RingServlet.class.getName());
            ring.addInitParameter("jetring.handler", LimitsProbe.class.getName());
            ring.addInitParameter("jetring.maxBodySize", "16 bytes");
            ring.addInitParameter("jetring.asyncTimeout", "200ms");
            ring.setAsyncSupported(true);
            context.addChild(ring);
            context.addServletMapping("/*", "ring");
        })) {
            assertThat(new String(Http.post(server.uri("/size"), new byte[16]).body())).isEqualTo("16");
            assertThat(Http.post(server.uri("/size"), new byte[17]).statusCode()).isEqualTo(413);
            assertThat(Http.getText(server.uri("/never")).statusCode()).isEqualTo(503);
        }
    }

    @Test
    void aSupplierClassWorksAsTheHandlerParameter() throws Exception {
        RingServlet servlet = new RingServlet();
        servlet.init(config(Map.of("jetring.handler", AppSupplier.class.getName())));
        assertThat(servlet.handler().isAsync()).isTrue();
        assertThat(servlet.options()).isEqualTo(ServletOptions.defaults());
        servlet.destroy();
    }

    @Test
    void badInitParametersStopTheServletFromStarting() {
        RingServlet noHandler = new RingServlet();
        assertThatThrownBy(() -> noHandler.init(config(Map.of())))
                .isInstanceOf(InvalidOptionException.class).hasMessageStartingWith("jetring.handler: not set (expected: ");
        RingServlet badSize = new RingServlet(request -> Response.ok("x"));
        assertThatThrownBy(() -> badSize.init(config(Map.of("jetring.maxBodySize", "ten"))))
                .hasMessage("jetring.maxBodySize: \"ten\" (expected: a size such as 65536, 64 KiB or 10 MiB)");
    }

    @Test
    void withoutAsyncSupportAsyncWorkGets500AndSaysWhy() throws Exception {
        RingHandler async = RingHandler.async(request -> CompletableFuture.completedFuture(Response.ok("x")));
        RingHandler sync = request -> request.path().equals("/stream")
                ? Response.stream(Publishers.of("x".getBytes()))
                : Response.ok("plain");
        try (LogRecorder log = LogRecorder.start();
             RunningServer asyncServer = withoutAsyncSupport(async);
             RunningServer syncServer = withoutAsyncSupport(sync)) {
            assertThat(Http.getText(asyncServer.uri("/")).statusCode()).isEqualTo(500);
            assertThat(Http.getText(syncServer.uri("/stream")).statusCode()).isEqualTo(500);
            assertThat(Http.getText(syncServer.uri("/")).body()).isEqualTo("plain");
            assertThat(log.at(Level.SEVERE)).hasSize(2).allSatisfy(record ->
                    assertThat(record.getThrown()).hasMessageContaining("asyncSupported=true"));
        }
    }

    @Test
    void aFailingHandlerIsLoggedOnceWithItsStackTrace() throws Exception {
        RingHandler failing = request -> {
            throw new IllegalStateException(SuiteHandlers.SECRET);
        };
        try (LogRecorder log = LogRecorder.start();
             RunningServer server = TomcatTestServer.start(failing)) {
            HttpResponse<String> response = Http.getText(server.uri("/boom"));
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).doesNotContain(SuiteHandlers.SECRET);
            assertThat(log.at(Level.SEVERE)).hasSize(1);
            LogRecord record = log.at(Level.SEVERE).get(0);
            assertThat(record.getMessage()).isEqualTo("GET /boom: the handler failed; answered 500");
            assertThat(record.getThrown()).hasMessage(SuiteHandlers.SECRET);
        }
    }

    private static RunningServer withoutAsyncSupport(RingHandler handler) throws Exception {
        return TomcatTestServer.start("", context -> {
            Tomcat.addServlet(context, "ring", new RingServlet(handler));
            context.addServletMapping("/*", "ring");
        });
    }

    private static ServletConfig config(Map<String, String> params) {
        return new ServletConfig() {
            @Override
            public String getServletName() {
                return "ring";
            }

            @Override
            public ServletContext getServletContext() {
                return null;
            }

            @Override
            public String getInitParameter(String name) {
                return params.get(name);
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.enumeration(params.keySet());
            }
        };
    }

    /** Named by {@code jetring.handler}: reads the body into memory, or never answers. */
    public static final class LimitsProbe implements Supplier<RingHandler> {
        @Override
        public RingHandler get() {
            return RingHandler.async(request -> request.path().equals("/never")
                    ? new CompletableFuture<>()
                    : request.body().bytes().thenApply(bytes -> Response.ok(Integer.toString(bytes.length))));
        }
    }
}
