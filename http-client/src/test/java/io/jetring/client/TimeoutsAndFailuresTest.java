package io.jetring.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Response;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The three time limits, and the failures that have no response at all. */
class TimeoutsAndFailuresTest {
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final CountDownLatch release = new CountDownLatch(1);
    private static JetServer server;
    private static JetClient client;
    private static String base;

    @BeforeAll
    static void start() {
        Routes routes = new Routes()
                .on("/never", request -> {
                    release.await(Await.SECONDS, TimeUnit.SECONDS);
                    return Response.ok("too late");
                })
                // Headers and a first chunk at once, the rest well after the request timeout.
                .on("/slow-body", request -> Response.stream(Scripted.completing(
                        new Scripted.Step(0, "first,"), new Scripted.Step(3 * SHORT.toMillis(), "second"))))
                .on("/stall", request -> Response.stream(Scripted.stalling(new Scripted.Step(0, "one chunk, then silence"))));
        server = JetServer.run(routes, ServerOptions.builder().host("127.0.0.1").port(0).build());
        base = "http://127.0.0.1:" + server.port();
        client = JetClient.create();
    }

    @AfterAll
    static void stop() {
        release.countDown();
        client.close();
        server.close();
    }

    @Test
    void theRequestTimeoutBoundsTheWholeCall() {
        try (JetClient impatient = JetClient.create(ClientOptions.builder().requestTimeout(SHORT).build())) {
            ClientTimeoutException failure = Await.failure(impatient.get(base + "/never", As.string()),
                    ClientTimeoutException.class);
            assertThat(failure.kind()).isEqualTo(ClientTimeoutException.Kind.REQUEST);
            assertThat(failure.timeout()).isEqualTo(SHORT);
            assertThat(failure).hasMessage("GET " + base + "/never: no complete response within 300 ms (requestTimeout)");
        }
    }

    @Test
    void aRequestMaySetItsOwnTimeout() {
        ClientTimeoutException failure = Await.failure(client.get(base + "/never", r -> r.timeout(SHORT)),
                ClientTimeoutException.class);
        assertThat(failure.kind()).isEqualTo(ClientTimeoutException.Kind.REQUEST);
    }

    @Test
    void anAggregatedBodyMustArriveWithinTheTimeout() {
        ClientTimeoutException failure = Await.failure(
                client.get(base + "/slow-body", r -> r.timeout(SHORT).as(As.string())), ClientTimeoutException.class);
        assertThat(failure.kind()).isEqualTo(ClientTimeoutException.Kind.REQUEST);
    }

    @Test
    void forAStreamedBodyTheTimeoutCoversTheHeadersOnly() throws Exception {
        ClientResponse<Flow.Publisher<byte[]>> response = Await.result(
                client.get(base + "/slow-body", r -> r.timeout(SHORT).as(As.publisher())));
        Recorder recorder = new Recorder();
        response.body().subscribe(recorder);
        recorder.request(Long.MAX_VALUE);
        recorder.awaitDone();
        assertThat(recorder.error).isNull();
        assertThat(new String(recorder.received(), StandardCharsets.UTF_8)).isEqualTo("first,second");
    }

    @Test
    void aSilentConnectionHitsTheIdleTimeout() throws Exception {
        try (JetClient impatient = JetClient.create(ClientOptions.builder().idleTimeout(SHORT).build())) {
            ClientTimeoutException failure = Await.failure(impatient.get(base + "/stall", As.bytes()),
                    ClientTimeoutException.class);
            assertThat(failure.kind()).isEqualTo(ClientTimeoutException.Kind.IDLE);
            assertThat(failure).hasMessage("GET " + base + "/stall: no bytes for 300 ms (idleTimeout)");

            ClientResponse<Flow.Publisher<byte[]>> streamed = Await.result(impatient.get(base + "/stall", As.publisher()));
            Recorder recorder = new Recorder();
            streamed.body().subscribe(recorder);
            recorder.request(Long.MAX_VALUE);
            recorder.awaitDone();
            assertThat(recorder.error).isInstanceOf(ClientTimeoutException.class);
            assertThat(new String(recorder.received(), StandardCharsets.UTF_8)).isEqualTo("one chunk, then silence");
        }
    }

    @Test
    void aRefusedConnectionFailsAsSuch() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/";
        ConnectFailedException failure = Await.failure(client.get(url, As.bytes()), ConnectFailedException.class);
        assertThat(failure).hasMessage("GET " + url + ": connection refused");
    }

    @Test
    void anUnknownHostFailsAsSuch() {
        ConnectFailedException failure = Await.failure(client.get("http://no-such-host.invalid/", As.bytes()),
                ConnectFailedException.class);
        assertThat(failure).hasMessage("GET http://no-such-host.invalid/: unknown host");
    }

    @Test
    void aConnectionThatIsNeverAcceptedHitsTheConnectTimeout() throws IOException {
        // A listener whose accept queue is full drops new connection attempts: they neither succeed nor fail.
        List<Socket> fillers = new ArrayList<>();
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             JetClient impatient = JetClient.create(ClientOptions.builder().connectTimeout(SHORT).build())) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort());
            for (int i = 0; i < 16; i++) {
                Socket socket = new Socket();
                fillers.add(socket);
                try {
                    socket.connect(address, 200);
                } catch (SocketTimeoutException queueFull) {
                    break;
                }
            }
            ClientTimeoutException failure = Await.failure(
                    impatient.get("http://127.0.0.1:" + full.getLocalPort() + "/", As.bytes()), ClientTimeoutException.class);
            assertThat(failure.kind()).isEqualTo(ClientTimeoutException.Kind.CONNECT);
            assertThat(failure).hasMessageEndingWith(": could not connect within 300 ms (connectTimeout)");
        } finally {
            for (Socket socket : fillers) {
                socket.close();
            }
        }
    }

    @Test
    void closingTheClientFailsWhatIsInFlightAndWhatComesAfter() {
        JetClient closing = JetClient.create();
        CompletableFuture<ClientResponse<byte[]>> inFlight = closing.get(base + "/never", As.bytes()).toCompletableFuture();
        closing.close();
        assertThat(Await.failure(inFlight, ClientException.class)).hasMessage("GET " + base + "/never: the client was closed");
        assertThat(Await.failure(closing.get(base + "/never", As.bytes()), ClientException.class))
                .hasMessage("GET " + base + "/never: the client is closed");
    }

    @Test
    void cancellingTheStageCancelsTheCall() {
        CompletableFuture<ClientResponse<byte[]>> call = client.get(base + "/never", As.bytes()).toCompletableFuture();
        assertThat(call.cancel(true)).isTrue();
        assertThat(call).isCancelled();
        // The aborted exchange does not poison the client.
        assertThat(Await.result(client.get(base + "/stall", As.inputStream())).status()).isEqualTo(200);
    }
}
