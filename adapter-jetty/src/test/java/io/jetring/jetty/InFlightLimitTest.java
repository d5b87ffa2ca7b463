package io.jetring.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.InvalidOptionException;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The server bounds the requests it holds at once, and the HTTP/2 streams one client may open. */
class InFlightLimitTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void pastTheBoundARequestGets503WithRetryAfterAndTheBoundFreesAsRequestsEnd() throws Exception {
        Semaphore entered = new Semaphore(0);
        List<CompletableFuture<Response>> held = new ArrayList<>();
        RingHandler handler = RingHandler.async(request -> {
            if (request.path().equals("/quick")) {
                return CompletableFuture.completedFuture(Response.ok("quick"));
            }
            CompletableFuture<Response> stage = new CompletableFuture<>();
            synchronized (held) {
                held.add(stage);
            }
            entered.release();
            return stage;
        });
        try (JetServer server = JetServer.run(handler, ServerOptions.builder().host("127.0.0.1").port(0)
                .maxRequestsInFlight(2).build())) {
            URI slow = server.uri().resolve("/slow");
            var first = CLIENT.sendAsync(HttpRequest.newBuilder(slow).build(), HttpResponse.BodyHandlers.ofString());
            var second = CLIENT.sendAsync(HttpRequest.newBuilder(slow).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(entered.tryAcquire(2, 10, TimeUnit.SECONDS)).as("two requests reached the handler").isTrue();

            HttpResponse<String> refused = CLIENT.send(HttpRequest.newBuilder(server.uri().resolve("/quick")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.body()).contains("too many requests in flight");

            synchronized (held) {
                held.forEach(stage -> stage.complete(Response.ok("done")));
            }
            assertThat(first.get(10, TimeUnit.SECONDS).body()).isEqualTo("done");
            assertThat(second.get(10, TimeUnit.SECONDS).body()).isEqualTo("done");
            // Both slots are free again once the responses have been written.
            HttpResponse<String> after = null;
            for (int attempt = 0; attempt < 100 && (after == null || after.statusCode() != 200); attempt++) {
                after = CLIENT.send(HttpRequest.newBuilder(server.uri().resolve("/quick")).build(),
                        HttpResponse.BodyHandlers.ofString());
            }
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(after.body()).isEqualTo("quick");
        }
    }

    @Test
    void theBoundsAreValidated() {
        assertThatThrownBy(() -> ServerOptions.builder().maxRequestsInFlight(0).build())
                .isInstanceOf(InvalidOptionException.class).hasMessage("maxRequestsInFlight: 0 (expected: >= 1)");
        assertThatThrownBy(() -> ServerOptions.builder().maxConcurrentStreams(-1).build())
                .isInstanceOf(InvalidOptionException.class).hasMessage("maxConcurrentStreams: -1 (expected: >= 1)");
        assertThat(ServerOptions.defaults().maxConcurrentStreams()).isEqualTo(100);
        assertThat(ServerOptions.defaults().maxRequestsInFlight()).isEqualTo(10_000);
    }

    @Test
    void anH2cClientIsToldTheStreamBound() throws Exception {
        try (JetServer server = JetServer.run(request -> Response.ok("x"), ServerOptions.builder().host("127.0.0.1").port(0)
                .maxConcurrentStreams(7).build());
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});   // an empty SETTINGS frame
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            // The server's first frame is its SETTINGS (RFC 9113 section 3.4).
            int length = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
            int type = in.readUnsignedByte();
            in.readUnsignedByte();
            in.readInt();
            assertThat(type).as("frame type").isEqualTo(4);
            Integer maxStreams = null;
            for (int read = 0; read < length; read += 6) {
                int id = in.readUnsignedShort();
                int value = in.readInt();
                if (id == 3) {
                    maxStreams = value;
                }
            }
            assertThat(maxStreams).as("SETTINGS_MAX_CONCURRENT_STREAMS").isEqualTo(7);
        }
    }
}
