package io.jetring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Response;
import io.jetring.api.observe.Health;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.router.Router;
import io.jetring.servlet.RingServlet;
import io.jetring.servlet.ServletOptions;
import io.jetring.servlet.jetty.JettyWebSockets;
import io.jetring.servlet.testing.ContainerFixture;
import io.jetring.servlet.testing.JettyServletFixture;
import io.jetring.servlet.testing.RunningServer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The meters of {@link JetringMetrics} under the servlet bridge, after a known mix of requests over a
 * real router, in both containers the servlet suites use: Tomcat 11 (WebSockets through
 * {@code JakartaWebSockets}) and Jetty 12 ee10 (through {@code JettyWebSockets}).
 */
class ServletMetricsTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Nested
    class Tomcat extends Cases {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.tomcat();
        }
    }

    @Nested
    class JettyEe10 extends Cases {
        @Override
        ContainerFixture fixture() {
            return new JettyServletFixture((context, handler, options) ->
                    context.addEventListener(new ServletContextListener() {
                        @Override
                        public void contextInitialized(ServletContextEvent event) {
                            JettyWebSockets.install(event.getServletContext(), "/*", options);
                        }
                    }));
        }
    }

    abstract static class Cases {
        private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        private final CountDownLatch slowEntered = new CountDownLatch(1);
        private final CountDownLatch releaseSlow = new CountDownLatch(1);
        private RingServlet servlet;
        private RunningServer server;

        abstract ContainerFixture fixture();

        @BeforeEach
        void start() throws Exception {
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
                    .get("/health/ready", Health.ready())
                    .get("/chat", request -> Response.websocket(new WebSocketListener() {
                        @Override
                        public void onText(WebSocket ws, String text) {
                            ws.sendText("echo " + text);
                        }
                    }))
                    .build();
            servlet = new RingServlet(app, ServletOptions.defaults().withObserver(JetringMetrics.of(registry)));
            server = fixture().start(servlet, Optional.empty(), WebSocketOptions.defaults());
        }

        @AfterEach
        void stop() {
            releaseSlow.countDown();
            server.close();
        }

        private int get(String path) throws Exception {
            return CLIENT.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        }

        private double count(String route, String status) {
            Timer timer = registry.find("http.server.requests").tag("route", route).tag("status", status).timer();
            return timer == null ? 0 : timer.count();
        }

        private double gauge(String name) {
            return registry.get(name).gauge().value();
        }

        /** Waits (bounded) for a value the container's threads update. */
        private static void eventually(String what, DoubleSupplier value, double expected) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (value.getAsDouble() != expected && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(value.getAsDouble()).as(what).isEqualTo(expected);
        }

        @Test
        void requestsAreTimedByRouteTemplateAndCountedInFlight() throws Exception {
            for (int id = 1; id <= 5; id++) {
                assertThat(get("/users/" + id)).isEqualTo(200);
            }
            assertThat(get("/nothing/here")).isEqualTo(404);
            assertThat(get("/boom")).isEqualTo(500);

            eventually("GET /users/{id} requests", () -> count("/users/{id}", "2xx"), 5);
            Collection<Timer> users = registry.find("http.server.requests").tag("route", "/users/{id}").timers();
            assertThat(users).as("one time series for every id").hasSize(1);
            Meter.Id id = users.iterator().next().getId();
            assertThat(id.getTag("method")).isEqualTo("GET");
            assertThat(id.getTag("outcome")).isEqualTo("SUCCESS");
            eventually("500s of /boom", () -> count("/boom", "5xx"), 1);
            eventually("404s without a route", () -> count(JetringMetrics.NO_ROUTE, "4xx"), 1);
            assertThat(registry.find("http.server.requests").timers()).hasSize(3);
            assertThat(registry.get("http.server.response.bytes").counter().count())
                    .as("response body bytes").isGreaterThanOrEqualTo(5 * "user 1".length());
            assertThat(registry.find("http.server.connections.open").gauge())
                    .as("no connection gauge: the container owns the connections").isNull();

            eventually("requests in flight before", () -> gauge("http.server.requests.active"), 0);
            CompletableFuture<HttpResponse<String>> slow = CLIENT.sendAsync(
                    HttpRequest.newBuilder(server.uri("/slow")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(slowEntered.await(10, TimeUnit.SECONDS)).as("the slow request arrived").isTrue();
            assertThat(gauge("http.server.requests.active")).isEqualTo(1);
            releaseSlow.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            eventually("requests in flight after", () -> gauge("http.server.requests.active"), 0);
        }

        @Test
        void webSocketSessionsAndMessagesAreCounted() throws Exception {
            LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
            URI chat = URI.create("ws://" + server.baseUri().getAuthority() + "/chat");
            java.net.http.WebSocket ws = CLIENT.newWebSocketBuilder().buildAsync(chat, new java.net.http.WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(java.net.http.WebSocket socket, CharSequence data, boolean last) {
                    received.add(data.toString());
                    socket.request(1);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
            eventually("open WebSockets", () -> gauge("websocket.sessions.open"), 1);
            ws.sendText("one", true).get(10, TimeUnit.SECONDS);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("echo one");
            ws.sendText("two", true).get(10, TimeUnit.SECONDS);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("echo two");

            assertThat(registry.get("websocket.messages").tag("direction", "in").counter().count()).isEqualTo(2);
            assertThat(registry.get("websocket.messages").tag("direction", "out").counter().count()).isEqualTo(2);
            assertThat(registry.get("websocket.message.bytes").tag("direction", "in").counter().count()).isEqualTo(6);
            assertThat(registry.get("websocket.message.bytes").tag("direction", "out").counter().count()).isEqualTo(16);

            ws.sendClose(1000, "bye").get(10, TimeUnit.SECONDS);
            eventually("open WebSockets after the close", () -> gauge("websocket.sessions.open"), 0);
            eventually("WebSocket lifetimes", () -> {
                Timer sessions = registry.find("websocket.sessions").tag("route", "/chat").timer();
                return sessions == null ? 0 : sessions.count();
            }, 1);
        }

        @Test
        void theGaugesGoWhenTheServletIsDestroyedAndReadinessTurnsAtBeginStop() throws Exception {
            assertThat(get("/health/ready")).isEqualTo(200);
            servlet.beginStop();
            assertThat(get("/health/ready")).as("readiness once the application begins the stop").isEqualTo(503);
            assertThat(get("/users/1")).as("still served").isEqualTo(200);
            assertThat(registry.find("http.server.requests.active").gauge()).isNotNull();

            server.stopServlet();
            assertThat(registry.find("http.server.requests.active").gauge()).as("gone with the servlet").isNull();
            assertThat(registry.find("websocket.sessions.open").gauge()).as("gone with the servlet").isNull();
        }
    }
}
