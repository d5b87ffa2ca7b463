package io.jetring.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.testing.RawHttp;
import io.jetring.jetty.testing.RawHttp2;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** stop() lets sync, async and streaming requests in flight finish, and refuses new ones cleanly. */
class GracefulStopTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch inFlight = new CountDownLatch(2);
    private final CompletableFuture<Response> asyncResult = new CompletableFuture<>();
    private final SubmissionPublisher<byte[]> stream = new SubmissionPublisher<>();

    private Response handleSync(Request request) throws Exception {
        inFlight.countDown();
        assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
        return Response.ok("wait done");
    }

    private Response handleStream() {
        return Response.stream(subscriber -> {
            stream.subscribe(subscriber);
            inFlight.countDown();
        });
    }

    @ParameterizedTest(name = "async handler: {0}")
    @ValueSource(booleans = {false, true})
    void inFlightRequestsFinishAndNewOnesAreRefused(boolean async) throws Exception {
        RingHandler sync = request -> switch (request.path()) {
            case "/wait" -> handleSync(request);
            case "/stream" -> handleStream();
            default -> Response.ok("quick");
        };
        RingHandler handler = !async ? sync : RingHandler.async(request -> switch (request.path()) {
            case "/wait" -> {
                inFlight.countDown();
                yield asyncResult;
            }
            default -> CompletableFuture.completedFuture(sync.handle(request));
        });
        ServerOptions options = ServerOptions.builder().host("127.0.0.1").port(0).stopTimeout(Duration.ofSeconds(90)).build();
        JetServer server = JetServer.run(handler, options);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (String path : new String[] {"/wait", "/stream"}) {
            responses.add(client.sendAsync(HttpRequest.newBuilder(server.uri().resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        RawHttp idle = RawHttp.connect(server.uri());
        idle.send("GET /quick HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(idle.readHead()).startsWith("HTTP/1.1 200 ");
        idle.readBytes(5);
        assertThat(inFlight.await(10, TimeUnit.SECONDS)).as("two requests in flight").isTrue();

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::stop);

        RawHttp.awaitRefused(server.port());
        // A request on a connection that was already open is answered or closed, never left hanging.
        idle.send("GET /quick HTTP/1.1\r\nHost: x\r\n\r\n");
        String answer = idle.readUntilClose();
        assertThat(answer.isEmpty() || answer.startsWith("HTTP/1.1 503 ")).as("late request answer: %s", answer).isTrue();
        assertThat(stopped).isNotDone();

        release.countDown();
        asyncResult.complete(Response.ok("wait done"));
        for (int i = 0; i < 20; i++) {
            stream.submit(("part-" + i + ";").getBytes());
        }
        stream.close();
        assertThat(responses.get(0).get(30, TimeUnit.SECONDS).body()).isEqualTo("wait done");
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            expected.append("part-").append(i).append(';');
        }
        assertThat(responses.get(1).get(30, TimeUnit.SECONDS).body()).isEqualTo(expected.toString());
        // Well before the 90 s stop timeout: nothing (an idle or half-closed connection) holds the stop up.
        stopped.get(20, TimeUnit.SECONDS);
        assertThat(server.isRunning()).isFalse();
    }

    @Test
    void aClientPausingDuringTheDrainStillGetsTheWholeStream() throws Exception {
        int chunks = 256;
        RingHandler handler = RingHandler.async(request -> CompletableFuture.completedFuture(
                Response.stream(io.jetring.api.Publishers.fromIterator(() -> new java.util.Iterator<>() {
                    private int sent;

                    @Override
                    public boolean hasNext() {
                        return sent < chunks;
                    }

                    @Override
                    public byte[] next() {
                        sent++;
                        return new byte[16 * 1024];
                    }
                }))));
        JetServer server = JetServer.run(handler, ServerOptions.builder().host("127.0.0.1").port(0).build());
        try (RawHttp raw = RawHttp.connect(server.uri(), 16 * 1024)) {
            raw.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            raw.readHead();
            raw.readBytes(32 * 1024);
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::stop);
            RawHttp.awaitRefused(server.port());
            // The client stops reading for longer than the shutdown idle timeout that Jetty would
            // otherwise apply to every connection as a stop begins (read from Jetty, not assumed).
            long jettyShutdownIdleMillis = new org.eclipse.jetty.server.ServerConnector(new org.eclipse.jetty.server.Server())
                    .getShutdownIdleTimeout();
            assertThat(jettyShutdownIdleMillis).as("Jetty's default shutdown idle timeout").isPositive();
            Thread.sleep(jettyShutdownIdleMillis + 500);
            String rest = raw.readUntilClose();
            assertThat(rest).endsWith("\r\n0\r\n\r\n");
            stopped.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void stopGivesUpAfterTheStopTimeout() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        RingHandler handler = RingHandler.async(request -> {
            entered.countDown();
            return new CompletableFuture<>();
        });
        ServerOptions options = ServerOptions.builder().host("127.0.0.1").port(0).stopTimeout(Duration.ofMillis(200))
                .asyncTimeout(Duration.ofSeconds(60)).build();
        JetServer server = JetServer.run(handler, options);
        CompletableFuture<HttpResponse<String>> pending = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(server.uri()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        server.stop();

        assertThat(server.isRunning()).isFalse();
        assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
    }

    @ParameterizedTest(name = "HTTP/2: {0}")
    @ValueSource(booleans = {false, true})
    void anIdleKeepAliveConnectionDoesNotHoldTheStop(boolean http2) throws Exception {
        Duration stopTimeout = Duration.ofSeconds(20);
        JetServer server = JetServer.run(request -> Response.ok("hi"), ServerOptions.builder().host("127.0.0.1").port(0)
                .stopTimeout(stopTimeout).build());
        try (RawHttp2 h2 = RawHttp2.connect(server.uri()); RawHttp h1 = RawHttp.connect(server.uri())) {
            if (http2) {
                h2.request(1, "GET", "/", true);
                assertThat(h2.response(1).status()).isEqualTo(200);
            } else {
                h2.close();
                h1.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(h1.readHead()).startsWith("HTTP/1.1 200 ");
                assertThat(new String(h1.readBytes(2))).isEqualTo("hi");
            }
            long start = System.nanoTime();
            server.stop();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // It returns at once (tens of milliseconds); the bound leaves room for a busy machine.
            assertThat(took).as("the stop waited for an idle connection").isLessThan(Duration.ofSeconds(2));
            if (http2) {
                assertThat(h2.await(RawHttp2.GOAWAY).errorCode()).as("GOAWAY with NO_ERROR").isZero();
                assertThat(h2.awaitEof()).isTrue();
            } else {
                assertThat(h1.readUntilClose()).isEmpty();
            }
        } finally {
            server.stop();
        }
    }
}
