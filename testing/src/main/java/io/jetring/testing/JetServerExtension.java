package io.jetring.testing;

import io.jetring.api.InvalidArgumentException;
import io.jetring.api.RingHandler;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a {@link JetServer} on a free loopback port for a test class (static field) or for each
 * test (instance field), and hands the test its base URI and an HTTP client.
 *
 * <pre>{@code
 * @RegisterExtension
 * static JetServerExtension server = JetServerExtension.of(request -> Response.ok("hi"));
 *
 * @Test
 * void saysHi() throws Exception {
 *     assertThat(server.get("/").body()).isEqualTo("hi");
 * }
 * }</pre>
 *
 * Test methods may also declare a {@link JetServer}, {@link URI} or {@link HttpClient} parameter.
 */
public final class JetServerExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private final RingHandler handler;
    private final ServerOptions options;
    private final HttpClient client;
    private JetServer server;
    private boolean perTest;

    private JetServerExtension(RingHandler handler, ServerOptions options) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.options = options;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A server for {@code handler} on {@code 127.0.0.1}, port 0, other options at their defaults. */
    public static JetServerExtension of(RingHandler handler) {
        return of(handler, ServerOptions.builder().build());
    }

    /** A server for {@code handler} with {@code options}, but always on {@code 127.0.0.1} and port 0. */
    public static JetServerExtension of(RingHandler handler, ServerOptions options) {
        return new JetServerExtension(handler, options.newBuilder().host("127.0.0.1").port(0).build());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = JetServer.run(handler, options);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopServer();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (server == null) {
            perTest = true;
            server = JetServer.run(handler, options);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            stopServer();
        }
    }

    private void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The running server. */
    public JetServer server() {
        if (server == null) {
            throw new IllegalStateException("server: not running (expected: used inside a test)");
        }
        return server;
    }

    /** The base URI, {@code http://127.0.0.1:<port>/}. */
    public URI baseUri() {
        return server().uri();
    }

    /** {@code path} resolved against the base URI. */
    public URI uri(String path) {
        return baseUri().resolve(path);
    }

    /** {@code path} as a WebSocket URI on the server, {@code ws://127.0.0.1:<port><path>}. */
    public URI webSocketUri(String path) {
        if (!path.startsWith("/")) {
            throw InvalidArgumentException.of("path", path, "an absolute path, starting with /");
        }
        return URI.create("ws://127.0.0.1:" + server().port() + path);
    }

    /** A shared JDK HTTP client speaking HTTP/1.1. */
    public HttpClient client() {
        return client;
    }

    /** {@code GET path}, body as UTF-8 text. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == JetServer.class || type == URI.class || type == HttpClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == JetServer.class) {
            return server();
        }
        return type == URI.class ? baseUri() : client;
    }
}
