package io.jetring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Response;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import io.jetring.router.Router;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Metric values after a known mix of requests, over a real server and a real router. */
class JetringMetricsTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CountDownLatch slowEntered = new CountDownLatch(1);
    private final CountDownLatch releaseSlow = new CountDownLatch(1);
    private JetServer server;

    @BeforeEach
    void start() {
        Router app = Router.builder()
                .get("/users/{id}", request -> Response.ok("user " + Router.pathParam(request, "id")))
                .get("/boom", request -> {
                    throw new IllegalStateException("boom");
                })
                .get("/slow", request -> {
                    slowEntered.countDown();
                    releaseSlow.await(20, TimeUnit.SECONDS);
                    return Response.ok("slow");
                })
                .get("/chat", request -> Response.websocket(new WebSocketListener() {
                    @Override
                    public void onText(WebSocket ws, String text) {
                        ws.sendText("echo " + text);
                    }
                }))
                .build();
        server = JetServer.run(app, ServerOptions.builder().host("127.0.0.1").port(0)
                .observer(JetringMetrics.of(registry)).build());
    }

    @AfterEach
    void stop() {
        releaseSlow.countDown();
        server.stop();
    }

    private int get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private Collection<Timer> requests(String route) {
        return registry.find("http.server.requests").tag("route", route).timers();
    }

    /** Waits (bounded) for an asynchronously updated value. */
    private static void eventually(String what, DoubleSupplier value, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (value.getAsDouble() != expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(value.getAsDouble()).as(what).isEqualTo(expected);
    }

    private double count(String route, String status) {
        Timer timer = registry.find("http.server.requests").tag("route", route).tag("status", status).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void requestsAreTimedByRouteTemplateSoIdsMakeOneTimeSeries() throws Exception {
        for (int id = 1; id <= 5; id++) {
            assertThat(get("/users/" + id)).isEqualTo(200);
        }
        assertThat(get("/nothing/here")).isEqualTo(404);
        assertThat(get("/boom")).isEqualTo(500);
        try (Socket raw = new Socket("127.0.0.1", server.port())) {
            raw.getOutputStream().write(("GET /users/9 HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(10_000) + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            assertThat(new String(raw.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 431");
        }

        eventually("GET /users/{id} requests", () -> count("/users/{id}", "2xx"), 5);
        Collection<Timer> users = requests("/users/{id}");
        assertThat(users).as("one time series for every id").hasSize(1);
        Meter.Id id = users.iterator().next().getId();
        assertThat(id.getTag("method")).isEqualTo("GET");
        assertThat(id.getTag("status")).isEqualTo("2xx");
        assertThat(id.getTag("outcome")).isEqualTo("SUCCESS");
        assertThat(registry.find("http.server.requests").timers())
                .allSatisfy(timer -> assertThat(timer.getId().getTag("route")).doesNotContain("/users/1", "/nothing"));

        eventually("500s of /boom", () -> count("/boom", "5xx"), 1);
        assertThat(requests("/boom").iterator().next().getId().getTag("outcome")).isEqualTo("SERVER_ERROR");
        // The 404 no route matched and the 431 the server made before any handler ran.
        eventually("4xx without a route", () -> count(JetringMetrics.NO_ROUTE, "4xx"), 2);
        assertThat(registry.find("http.server.response.bytes").counter().count())
                .as("response body bytes").isGreaterThanOrEqualTo(5 * "user 1".length());
    }

    @Test
    void requestsInFlightAndOpenConnectionsAreGauges() throws Exception {
        eventually("requests in flight before", () -> registry.get("http.server.requests.active").gauge().value(), 0);
        CompletableFuture<Integer> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return get("/slow");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(slowEntered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(registry.get("http.server.requests.active").gauge().value()).isEqualTo(1);
        assertThat(registry.get("http.server.connections.open").gauge().value()).isGreaterThanOrEqualTo(1);
        releaseSlow.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo(200);
        eventually("requests in flight after", () -> registry.get("http.server.requests.active").gauge().value(), 0);
    }

    @Test
    void aStoppedServersGaugesGoAndANextServerOnTheRegistryIsTheOneRead() throws Exception {
        server.stop();
        assertThat(registry.find("http.server.requests.active").gauge()).as("gone with its server").isNull();

        server = JetServer.run(request -> {
            slowEntered.countDown();
            releaseSlow.await(20, TimeUnit.SECONDS);
            return Response.ok("slow");
        }, ServerOptions.builder().host("127.0.0.1").port(0).observer(JetringMetrics.of(registry)).build());
        CompletableFuture<HttpResponse<String>> slow = CLIENT.sendAsync(HttpRequest.newBuilder(server.uri()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(slowEntered.await(10, TimeUnit.SECONDS)).isTrue();
        eventually("the new server's request in flight", () -> registry.get("http.server.requests.active").gauge().value(), 1);
        releaseSlow.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void webSocketSessionsAndMessagesAreCounted() throws Exception {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        java.net.http.WebSocket ws = CLIENT.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/chat"), new java.net.http.WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket socket, CharSequence data,
                                                                          boolean last) {
                        received.add(data.toString());
                        socket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        eventually("open WebSockets", () -> registry.get("websocket.sessions.open").gauge().value(), 1);
        ws.sendText("one", true).get(10, TimeUnit.SECONDS);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("echo one");
        ws.sendText("two", true).get(10, TimeUnit.SECONDS);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("echo two");

        assertThat(registry.get("websocket.messages").tag("direction", "in").counter().count()).isEqualTo(2);
        assertThat(registry.get("websocket.messages").tag("direction", "out").counter().count()).isEqualTo(2);
        assertThat(registry.get("websocket.message.bytes").tag("direction", "in").counter().count()).isEqualTo(6);
        assertThat(registry.get("websocket.message.bytes").tag("direction", "out").counter().count()).isEqualTo(16);

        ws.sendClose(1000, "bye").get(10, TimeUnit.SECONDS);
        eventually("open WebSockets after the close", () -> registry.get("websocket.sessions.open").gauge().value(), 0);
        eventually("WebSocket lifetimes", () -> {
            Timer sessions = registry.find("websocket.sessions").tag("route", "/chat").timer();
            return sessions == null ? 0 : sessions.count();
        }, 1);
        assertThat(count("/chat", "1xx")).as("the upgrade, timed as a request").isEqualTo(1);
    }
}
