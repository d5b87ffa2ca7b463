package io.jetring.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.api.observe.Health;
import io.jetring.api.observe.RequestLogEntry;
import io.jetring.api.observe.ServerObserver;
import io.jetring.api.observe.ServerStats;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.api.ws.WebSocketUpgrade;
import io.jetring.servlet.testing.ContainerFixture;
import io.jetring.servlet.testing.RunningServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a {@code RingServlet}'s observers see, the same in every container: the entries of a known
 * mix of requests with their route templates, requests in flight, the WebSockets of the jetring
 * filter in front, the gauges' end at {@code destroy()}, and readiness turning to 503 when the
 * application begins the stop or the container takes the servlet out of service. One container per
 * test (a servlet that stops does not come back); every wait is bounded.
 */
public abstract class ObservabilitySuite {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Recorder recorder = new Recorder();
    private final CountDownLatch slowEntered = new CountDownLatch(1);
    private final CompletableFuture<Void> releaseSlow = new CompletableFuture<>();
    private RingServlet servlet;
    private RunningServer server;

    /** The container under test; it must run WebSockets. */
    protected abstract ContainerFixture fixture();

    @BeforeEach
    void start() throws Exception {
        // Sync: an exchange in service() is one the container lets finish when it destroys the servlet.
        RingHandler app = request -> {
            String path = request.path();
            if (path.startsWith("/users/")) {
                request.context().route("/users/{id}", Optional.empty());
                return Response.ok("user " + path.substring(7));
            }
            switch (path) {
                case "/boom":
                    request.context().route("/boom", Optional.empty());
                    throw new IllegalStateException("fails on purpose");
                case "/health/ready":
                    return Health.ready().handleAsync(request).toCompletableFuture().join();
                case "/slow":
                    // Readiness as it is when the slow exchange is let go, not when it arrived.
                    slowEntered.countDown();
                    releaseSlow.get(20, TimeUnit.SECONDS);
                    return Health.ready().handleAsync(request).toCompletableFuture().join();
                case "/chat":
                    request.context().route("/chat", Optional.empty());
                    return Response.websocket(new WebSocketListener() {
                        @Override
                        public void onText(WebSocket ws, String text) {
                            ws.sendText("echo " + text);
                        }
                    });
                default:
                    return Response.notFound();
            }
        };
        servlet = new RingServlet(app, ServletOptions.defaults().withObserver(recorder));
        server = fixture().start(servlet, Optional.empty(), WebSocketOptions.defaults());
    }

    @AfterEach
    void stop() {
        releaseSlow.complete(null);
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> getLater(String path) {
        return CLIENT.sendAsync(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits (bounded) for a value that the container's threads update. */
    private static void eventually(String what, IntSupplier value, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (value.getAsInt() != expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(value.getAsInt()).as(what).isEqualTo(expected);
    }

    @Test
    void theObserversSeeEveryExchangeWithItsRouteTemplate() throws Exception {
        eventually("started, with the live counts", recorder.started::get, 1);
        for (int id = 1; id <= 5; id++) {
            assertThat(get("/users/" + id).statusCode()).isEqualTo(200);
        }
        assertThat(get("/nothing/here").statusCode()).isEqualTo(404);
        assertThat(get("/boom").statusCode()).isEqualTo(500);

        List<RequestLogEntry> entries = recorder.take(7);
        Map<String, Long> byRouteAndStatus = entries.stream().collect(Collectors.groupingBy(
                entry -> entry.route().orElse("none") + " " + entry.status(), Collectors.counting()));
        assertThat(byRouteAndStatus).as("one route template for every id")
                .isEqualTo(Map.of("/users/{id} 200", 5L, "none 404", 1L, "/boom 500", 1L));
        assertThat(entries).allSatisfy(entry -> assertThat(entry.kind()).isEqualTo(RequestLogEntry.Kind.RESPONSE));
        assertThat(entries.stream().filter(entry -> entry.status() == 200).mapToLong(RequestLogEntry::bytesSent).sum())
                .as("response body bytes").isEqualTo(5 * "user 1".length());
        eventually("requests in flight after", () -> recorder.stats.requestsInFlight(), 0);
        assertThat(recorder.stats.openConnections()).as("the container owns the connections").isEmpty();
    }

    @Test
    void requestsInFlightCountAnExchangeUntilItEnds() throws Exception {
        eventually("requests in flight before", () -> recorder.stats.requestsInFlight(), 0);
        CompletableFuture<HttpResponse<String>> slow = getLater("/slow");
        assertThat(slowEntered.await(10, TimeUnit.SECONDS)).as("the slow exchange arrived").isTrue();
        assertThat(recorder.stats.requestsInFlight()).as("in flight while its handler runs").isEqualTo(1);
        assertThat(servlet.stats()).isSameAs(recorder.stats);
        releaseSlow.complete(null);
        assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        eventually("requests in flight after", () -> recorder.stats.requestsInFlight(), 0);
    }

    @Test
    void webSocketsOfTheFilterInFrontAreObserved() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        URI chat = URI.create("ws://" + server.baseUri().getAuthority() + "/chat");
        java.net.http.WebSocket ws = CLIENT.newWebSocketBuilder().buildAsync(chat, new java.net.http.WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(java.net.http.WebSocket socket, CharSequence data, boolean last) {
                received.add(data.toString());
                socket.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        eventually("WebSockets opened", recorder.opened::get, 1);
        eventually("open WebSockets", () -> recorder.stats.openWebSockets(), 1);
        ws.sendText("one", true).get(10, TimeUnit.SECONDS);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("echo one");
        ws.sendText("two", true).get(10, TimeUnit.SECONDS);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("echo two");
        assertThat(recorder.messagesIn.get()).isEqualTo(2);
        assertThat(recorder.bytesIn.get()).isEqualTo(6);
        assertThat(recorder.messagesOut.get()).isEqualTo(2);
        assertThat(recorder.bytesOut.get()).isEqualTo(16);

        ws.sendClose(1000, "bye").get(10, TimeUnit.SECONDS);
        eventually("open WebSockets after the close", () -> recorder.stats.openWebSockets(), 0);
        RequestLogEntry closed = null;
        for (RequestLogEntry entry : recorder.take(2)) {
            if (entry.kind() == RequestLogEntry.Kind.WEBSOCKET_CLOSED) {
                closed = entry;
            }
        }
        assertThat(closed).as("the close, after the upgrade's own entry").isNotNull();
        assertThat(closed.route()).contains("/chat");
        assertThat(closed.closeCode()).hasValue(1000);
        assertThat(closed.status()).isEqualTo(101);
    }

    @Test
    void aRootWebSocketHandlersWebSocketsGoToTheContextsObservedServlet() throws Exception {
        Recorder root = new Recorder();
        WebSocketHandler echo = request -> WebSocketUpgrade.accept(new WebSocketListener() {
            @Override
            public void onText(WebSocket ws, String text) {
                ws.sendText("root " + text);
            }
        });
        try (RunningServer rooted = fixture().start(
                new RingServlet(request -> Response.notFound(), ServletOptions.defaults().withObserver(root)),
                Optional.of(echo), WebSocketOptions.defaults())) {
            eventually("the servlet in service", root.started::get, 1);
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            URI uri = URI.create("ws://" + rooted.baseUri().getAuthority() + "/anywhere");
            java.net.http.WebSocket ws = CLIENT.newWebSocketBuilder().buildAsync(uri, new java.net.http.WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(java.net.http.WebSocket socket, CharSequence data, boolean last) {
                    received.add(data.toString());
                    socket.request(1);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
            ws.sendText("one", true).get(10, TimeUnit.SECONDS);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("root one");
            assertThat(root.opened.get()).isEqualTo(1);
            assertThat(root.stats.openWebSockets()).isEqualTo(1);
            assertThat(root.messagesIn.get()).isEqualTo(1);
            assertThat(root.messagesOut.get()).isEqualTo(1);
            ws.sendClose(1000, "bye").get(10, TimeUnit.SECONDS);
            RequestLogEntry closed = root.take(1).get(0);
            assertThat(closed.kind()).as("the upgrade never reached the servlet: only its close")
                    .isEqualTo(RequestLogEntry.Kind.WEBSOCKET_CLOSED);
            assertThat(closed.target()).isEqualTo("/anywhere");
            assertThat(closed.closeCode()).hasValue(1000);
            eventually("open WebSockets after the close", () -> root.stats.openWebSockets(), 0);
        }
    }

    @Test
    void readinessTurnsTo503WhenTheApplicationBeginsTheStop() throws Exception {
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(servlet.isStopping()).isFalse();
        servlet.beginStop();
        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).isEqualTo("stopping\n");
        assertThat(get("/users/1").statusCode()).as("still served").isEqualTo(200);
        assertThat(recorder.stats.stopping()).isTrue();
        assertThat(recorder.stopped.get()).as("the servlet is still in service").isZero();
    }

    @Test
    void readinessTurnsTo503AndTheGaugesGoWhenTheContainerTakesTheServletOutOfService() throws Exception {
        eventually("started", recorder.started::get, 1);
        CompletableFuture<HttpResponse<String>> slow = getLater("/slow");
        assertThat(slowEntered.await(10, TimeUnit.SECONDS)).as("the slow exchange arrived").isTrue();
        // The container lets the exchange in service() finish (Tomcat for its unload delay, then it
        // destroys the servlet anyway; Jetty at once): the stop runs beside it.
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
            try {
                server.stopServlet();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!servlet.isStopping() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(servlet.isStopping()).as("stopping once destroy() has begun").isTrue();
        releaseSlow.complete(null);
        HttpResponse<String> answer = slow.get(10, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as("readiness of an exchange still in the servlet").isEqualTo(503);
        assertThat(answer.body()).isEqualTo("stopping\n");
        stopped.get(10, TimeUnit.SECONDS);
        assertThat(recorder.stopped.get()).as("observers told the servlet stopped").isEqualTo(1);
    }

    /** Records what a servlet's observer sees. */
    static final class Recorder implements ServerObserver {
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger stopped = new AtomicInteger();
        final AtomicInteger opened = new AtomicInteger();
        final AtomicLong messagesIn = new AtomicLong();
        final AtomicLong bytesIn = new AtomicLong();
        final AtomicLong messagesOut = new AtomicLong();
        final AtomicLong bytesOut = new AtomicLong();
        final BlockingQueue<RequestLogEntry> entries = new LinkedBlockingQueue<>();
        volatile ServerStats stats;

        @Override
        public void started(ServerStats stats) {
            this.stats = stats;
            started.incrementAndGet();
        }

        @Override
        public void stopped() {
            stopped.incrementAndGet();
        }

        @Override
        public void exchanged(RequestLogEntry entry) {
            entries.add(entry);
        }

        @Override
        public void webSocketOpened() {
            opened.incrementAndGet();
        }

        @Override
        public void webSocketMessageIn(long bytes) {
            messagesIn.incrementAndGet();
            bytesIn.addAndGet(bytes);
        }

        @Override
        public void webSocketMessageOut(long bytes) {
            messagesOut.incrementAndGet();
            bytesOut.addAndGet(bytes);
        }

        /** The next {@code count} entries, waiting (bounded) for each. */
        List<RequestLogEntry> take(int count) throws InterruptedException {
            List<RequestLogEntry> taken = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                RequestLogEntry entry = entries.poll(10, TimeUnit.SECONDS);
                assertThat(entry).as("entry %d of %d", i + 1, count).isNotNull();
                taken.add(entry);
            }
            return taken;
        }
    }
}
