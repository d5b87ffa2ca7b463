package io.jetring.middleware;

import io.jetring.api.DataSize;
import io.jetring.api.RingHandler;
import io.jetring.servlet.testing.ContainerFixture;
import io.jetring.servlet.testing.RunningServer;
import io.jetring.testing.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The base of the middleware suites: each suite runs its handlers in the container that
 * {@link #fixture()} names, and a test class per middleware extends the suite once per container
 * (JetServer, Jetty ee10, Tomcat 11), so every middleware is proven the same in all three.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContainerSuite {
    static final DataSize MAX_BODY = DataSize.ofKibibytes(64);
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<RunningServer> started = new ArrayList<>();

    /** The container under test. */
    abstract ContainerFixture fixture();

    /** Starts {@code handler}; it is stopped after the suite. */
    RunningServer start(RingHandler handler) throws Exception {
        RunningServer server = fixture().start(handler, MAX_BODY, Duration.ofSeconds(10));
        started.add(server);
        return server;
    }

    @AfterAll
    void stopServers() {
        started.forEach(RunningServer::close);
    }

    /** {@code method uri} with these alternating header names and values; the body as bytes. */
    static HttpResponse<byte[]> send(String method, URI uri, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** {@code GET uri} with these headers. */
    static HttpResponse<byte[]> get(URI uri, String... headers) throws Exception {
        return send("GET", uri, headers);
    }

    /** One raw HTTP/1.1 exchange, the request sent byte for byte; the connection closes after it. */
    static String raw(RunningServer server, String request) throws Exception {
        try (RawHttp raw = RawHttp.connect(server.baseUri())) {
            raw.send(request);
            return raw.readUntilClose();
        }
    }

    /** The head of a raw response: the status line and headers. */
    static String head(String response) {
        int end = response.indexOf("\r\n\r\n");
        return end < 0 ? response : response.substring(0, end + 2);
    }
}
