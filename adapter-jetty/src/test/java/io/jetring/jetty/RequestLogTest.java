package io.jetring.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Body;
import io.jetring.api.Publishers;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.api.observe.RequestLogEntry;
import io.jetring.api.observe.RequestLogEntry.Kind;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine's request log sees every kind of exchange: handler responses, Jetty's own errors, WebSockets, aborts. */
class RequestLogTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final BlockingQueue<RequestLogEntry> entries = new LinkedBlockingQueue<>();
    private JetServer server;

    /** Answers like a router would: records the template of the route it matched. */
    private static final RingHandler APP = request -> {
        if (request.path().startsWith("/users/")) {
            request.context().route("/users/{id}", Optional.empty());
            return Response.ok("user " + request.path().substring(7));
        }
        if (request.path().equals("/chat")) {
            request.context().route("/chat", Optional.empty());
            return Response.websocket(new WebSocketListener() {
                @Override
                public void onText(io.jetring.api.ws.WebSocket ws, String text) {
                    ws.sendText("echo " + text);
                }
            });
        }
        if (request.path().equals("/broken-stream")) {
            return Response.ok(Body.of(Publishers.fromIterator(RequestLogTest::oneChunkThenFailure)));
        }
        return Response.notFound();
    };

    @BeforeEach
    void start() {
        server = JetServer.run(APP, ServerOptions.builder().host("127.0.0.1").port(0)
                .stopTimeout(Duration.ofSeconds(5)).requestLog(entries::add).build());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private RequestLogEntry next() throws InterruptedException {
        RequestLogEntry entry = entries.poll(10, TimeUnit.SECONDS);
        assertThat(entry).as("a request log entry within 10 s").isNotNull();
        return entry;
    }

    @Test
    void aHandlerResponseIsLoggedWithItsRouteTemplate() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(server.uri().resolve("/users/7?full=1"))
                .header("User-Agent", "probe/1.0").header("Referer", "http://example.test/").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        RequestLogEntry entry = next();
        assertThat(entry.kind()).isEqualTo(Kind.RESPONSE);
        assertThat(entry.method()).isEqualTo("GET");
        assertThat(entry.target()).isEqualTo("/users/7?full=1");
        assertThat(entry.protocol()).isEqualTo("HTTP/1.1");
        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.bytesSent()).isEqualTo("user 7".length());
        assertThat(entry.remoteAddress()).isEqualTo("127.0.0.1");
        assertThat(entry.userAgent()).contains("probe/1.0");
        assertThat(entry.referer()).contains("http://example.test/");
        assertThat(entry.route()).contains("/users/{id}");
        assertThat(entry.duration()).isPositive();
        assertThat(entry.combined()).matches("127\\.0\\.0\\.1 - - \\[\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000] "
                + "\"GET /users/7\\?full=1 HTTP/1\\.1\" 200 6 \"http://example\\.test/\" \"probe/1\\.0\" "
                + "\\d+\\.\\d{3}ms \"/users/\\{id}\"");
    }

    @Test
    void theServersOwnErrorsAreLoggedThoughNoHandlerRan() throws Exception {
        try (RawHttp raw = RawHttp.connect(server.uri())) {
            raw.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\nhello");
            assertThat(raw.readUntilClose()).startsWith("HTTP/1.1 400 ");
        }
        RequestLogEntry bad = next();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.kind()).isEqualTo(Kind.RESPONSE);
        assertThat(bad.route()).isEmpty();

        try (RawHttp raw = RawHttp.connect(server.uri())) {
            raw.send("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.readHead()).startsWith("HTTP/1.1 414 ");
        }
        assertThat(next().status()).isEqualTo(414);

        try (RawHttp raw = RawHttp.connect(server.uri())) {
            raw.send("GET /fine HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(10_000) + "\r\n\r\n");
            assertThat(raw.readHead()).startsWith("HTTP/1.1 431 ");
        }
        assertThat(next().status()).isEqualTo(431);
    }

    @Test
    void aWebSocketIsLoggedAtItsUpgradeAndAtItsCloseWithDurationAndCode() throws Exception {
        JdkWebSocketRecorder recorder = new JdkWebSocketRecorder();
        URI ws = URI.create("ws://127.0.0.1:" + server.port() + "/chat");
        java.net.http.WebSocket socket = CLIENT.newWebSocketBuilder().buildAsync(ws, recorder).get(10, TimeUnit.SECONDS);
        RequestLogEntry upgrade = next();
        assertThat(upgrade.kind()).isEqualTo(Kind.RESPONSE);
        assertThat(upgrade.status()).isEqualTo(101);
        assertThat(upgrade.route()).contains("/chat");

        socket.sendText("hi", true);
        assertThat(recorder.next()).isEqualTo("text:echo hi");
        socket.sendClose(1000, "bye").get(10, TimeUnit.SECONDS);

        RequestLogEntry closed = next();
        assertThat(closed.kind()).isEqualTo(Kind.WEBSOCKET_CLOSED);
        assertThat(closed.status()).isEqualTo(101);
        assertThat(closed.closeCode()).hasValue(1000);
        assertThat(closed.route()).contains("/chat");
        assertThat(closed.target()).isEqualTo("/chat");
        assertThat(closed.duration()).isGreaterThanOrEqualTo(upgrade.duration());
        assertThat(closed.combined()).contains("\"GET /chat HTTP/1.1\" 101 0 ").endsWith("\"/chat\" ws-close=1000");
    }

    @Test
    void aResponseCutOffMidBodyIsLoggedAsAborted() throws Exception {
        try (RawHttp raw = RawHttp.connect(server.uri())) {
            raw.send("GET /broken-stream HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.readUntilClose()).startsWith("HTTP/1.1 200 ").doesNotEndWith("0\r\n\r\n");
        }
        RequestLogEntry entry = next();
        assertThat(entry.kind()).isEqualTo(Kind.ABORTED);
        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.combined()).endsWith(" aborted");
    }

    @Test
    void theReadyMadeLogWritesCombinedLinesToTheAccessLogger() throws Exception {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (JetServer logged = JetServer.run(APP, ServerOptions.builder().host("127.0.0.1").port(0).requestLog().build())) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            CLIENT.send(HttpRequest.newBuilder(logged.uri().resolve("/users/42")).build(), HttpResponse.BodyHandlers.ofString());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!captured.toString(StandardCharsets.UTF_8).contains("/users/42") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            System.setErr(stderr);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .as("what the logger io.jetring.access wrote (slf4j-simple shows its short name)")
                .containsPattern("INFO access - 127\\.0\\.0\\.1 - - \\[[^]]+] \"GET /users/42 HTTP/1\\.1\" 200 7 "
                        + "\"-\" \"[^\"]+\" \\d+\\.\\d{3}ms \"/users/\\{id}\"");
    }

    @Test
    void http2StreamsAreLoggedOneEntryEach() throws Exception {
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        for (int id = 1; id <= 2; id++) {
            HttpResponse<String> response = h2.send(HttpRequest.newBuilder(server.uri().resolve("/users/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        }
        for (int id = 1; id <= 2; id++) {
            RequestLogEntry entry = next();
            assertThat(entry.protocol()).isEqualTo("HTTP/2.0");
            assertThat(entry.target()).isEqualTo("/users/" + id);
            assertThat(entry.route()).contains("/users/{id}");
            assertThat(entry.kind()).isEqualTo(Kind.RESPONSE);
        }
        assertThat(entries).isEmpty();
    }

    @Test
    void aSinkThatThrowsDoesNotBreakServing() throws Exception {
        try (JetServer failing = JetServer.run(APP, ServerOptions.builder().host("127.0.0.1").port(0)
                .requestLog(entry -> {
                    throw new IllegalStateException("the sink is broken");
                })
                .requestLog(entries::add)
                .build())) {
            assertThat(CLIENT.send(HttpRequest.newBuilder(failing.uri().resolve("/users/1")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
        assertThat(entries).as("the later requestLog(...) replaces the earlier one").hasSize(1);
        try (JetServer failing = JetServer.run(APP, ServerOptions.builder().host("127.0.0.1").port(0)
                .requestLog(entry -> {
                    throw new IllegalStateException("the sink is broken");
                })
                .build())) {
            for (int i = 0; i < 2; i++) {
                assertThat(CLIENT.send(HttpRequest.newBuilder(failing.uri().resolve("/users/" + i)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void noRequestLogIsTheDefault() {
        assertThat(ServerOptions.defaults().requestLog()).isEmpty();
        assertThat(ServerOptions.defaults().observers()).isEmpty();
    }

    @Test
    void theReadyMadeLogComposesWithASinkOfOnesOwn() throws Exception {
        assertThat(ServerOptions.builder().requestLog().build().requestLog()).contains(ServerOptions.accessLog());
        LinkedBlockingQueue<RequestLogEntry> mine = new LinkedBlockingQueue<>();
        try (JetServer both = JetServer.run(APP, ServerOptions.builder().host("127.0.0.1").port(0)
                .requestLog(ServerOptions.accessLog().andThen(mine::add)).build())) {
            CLIENT.send(HttpRequest.newBuilder(both.uri().resolve("/users/7")).build(), HttpResponse.BodyHandlers.ofString());
            RequestLogEntry entry = mine.poll(10, TimeUnit.SECONDS);
            assertThat(entry).as("the sink after the SLF4J line got the entry").isNotNull();
            assertThat(entry.route()).contains("/users/{id}");
        }
    }

    private static Iterator<byte[]> oneChunkThenFailure() {
        return new Iterator<>() {
            private boolean sent;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public byte[] next() {
                if (sent) {
                    throw new IllegalStateException("the stream broke");
                }
                sent = true;
                return "first chunk\n".getBytes(StandardCharsets.UTF_8);
            }
        };
    }
}
