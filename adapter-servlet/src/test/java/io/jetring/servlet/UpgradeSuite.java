package io.jetring.servlet;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.jetty.RawWebSocket;
import io.jetring.servlet.testing.ContainerFixture;
import io.jetring.servlet.testing.Http;
import io.jetring.servlet.testing.RunningServer;
import io.jetring.testing.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * WebSocket upgrades as responses ({@code docs/SPEC.md} section 11.2), the same in every container:
 * the Ring handler itself answers an upgrade request with {@code Response.websocket}, no WebSocket
 * handler is registered. Each rule is checked against a sync and an async handler; the async one
 * also answers from the request's blocking executor, as a router with sync routes does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class UpgradeSuite {
    /** Calls of the handler for {@code /ws/counted}: an origin that is refused must never reach it. */
    final AtomicInteger counted = new AtomicInteger();
    HttpClient client;
    RunningServer sync;
    RunningServer async;

    /** The container under test. */
    protected abstract ContainerFixture fixture();

    @BeforeAll
    void start() throws Exception {
        WebSocketOptions options = WebSocketOptions.builder().allowedOrigins("http://good.example").build();
        sync = fixture().start(this::answer, options);
        async = fixture().start(RingHandler.async(this::answerAsync), options);
        client = HttpClient.newHttpClient();
    }

    @AfterAll
    void stop() {
        try {
            async.close();
        } finally {
            sync.close();
        }
    }

    private Response answer(Request request) throws Exception {
        return switch (request.path()) {
            case "/ws/echo", "/ws/later", "/ws/blocking" -> Response.websocket(new Echo()).addHeader("X-Upgraded", "yes");
            case "/ws/chat" -> Response.websocket(new Echo(), "chat");
            case "/ws/unoffered" -> Response.websocket(new Echo(), "nope");
            case "/ws/counted" -> {
                counted.incrementAndGet();
                yield Response.websocket(new Echo());
            }
            case "/ws/always" -> Response.websocket(new Echo());
            case "/blocking" -> Response.ok("ran on " + CompletableFuture.supplyAsync(() -> Thread.currentThread().getName(),
                    request.context().blockingExecutor()).get(10, SECONDS));
            default -> Response.ok("http " + request.path());
        };
    }

    /** As {@link #answer}; {@code /ws/later} completes on another thread, the blocking ones on the blocking executor. */
    private CompletionStage<Response> answerAsync(Request request) throws Exception {
        return switch (request.path()) {
            case "/ws/later" -> {
                CompletableFuture<Response> later = new CompletableFuture<>();
                Thread completer = new Thread(() -> later.complete(Response.websocket(new Echo())
                        .addHeader("X-Upgraded", "yes")), "later");
                completer.start();
                yield later;
            }
            case "/ws/blocking" -> CompletableFuture.supplyAsync(() -> Response.websocket(new Echo())
                    .addHeader("X-Upgraded", "yes"), request.context().blockingExecutor());
            case "/blocking" -> CompletableFuture.supplyAsync(() -> Response.ok("ran on " + Thread.currentThread().getName()),
                    request.context().blockingExecutor());
            default -> CompletableFuture.completedFuture(answer(request));
        };
    }

    List<RunningServer> both() {
        return List.of(sync, async);
    }

    @Test
    void aWebSocketResponseUpgradesAndItsHeadersGoWithThe101() throws Exception {
        for (RunningServer server : both()) {
            for (String path : new String[] {"/ws/echo", "/ws/later", "/ws/blocking"}) {
                try (RawWebSocket raw = RawWebSocket.connect(server.baseUri().getPort(), path)) {
                    assertThat(raw.handshakeResponse()).as("%s %s", server.baseUri(), path).startsWith("HTTP/1.1 101")
                            .containsIgnoringCase("X-Upgraded: yes");
                }
                assertThat(Http.webSocketEcho(ws(server, path), "hello")).as("%s %s", server.baseUri(), path)
                        .isEqualTo("hello");
            }
        }
    }

    @Test
    void theChosenSubprotocolIsAnswered() throws Exception {
        for (RunningServer server : both()) {
            java.net.http.WebSocket chat = client.newWebSocketBuilder().subprotocols("chat", "other")
                    .buildAsync(ws(server, "/ws/chat"), new java.net.http.WebSocket.Listener() { }).get(10, SECONDS);
            assertThat(chat.getSubprotocol()).isEqualTo("chat");
            chat.abort();
        }
    }

    @Test
    void aSubprotocolTheClientDidNotOfferIs500() {
        for (RunningServer server : both()) {
            assertThat(handshakeStatus(server, "/ws/unoffered", null)).as(server.baseUri().toString()).isEqualTo(500);
        }
    }

    @Test
    void aWebSocketResponseToARequestThatIsNotAnUpgradeIs500() throws Exception {
        for (RunningServer server : both()) {
            HttpResponse<String> response = Http.getText(server.uri("/ws/always"));
            assertThat(response.statusCode()).as(server.baseUri().toString()).isEqualTo(500);
        }
    }

    @Test
    void anUpgradeRequestThatIsNotAValidHandshakeIs400() throws Exception {
        String[] broken = {
            "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n",
            "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 8\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n",
            "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: short\r\n",
            "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n",
        };
        for (RunningServer server : both()) {
            for (String headers : broken) {
                try (RawHttp raw = RawHttp.connect(server.baseUri())) {
                    raw.send("GET /ws/always HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n");
                    assertThat(raw.readHead()).as("%s with\n%s", server.baseUri(), headers).startsWith("HTTP/1.1 400");
                }
            }
        }
    }

    @Test
    void anOriginNotAllowedIsRefusedWith403BeforeTheHandler() throws Exception {
        for (RunningServer server : both()) {
            int before = counted.get();
            assertThat(handshakeStatus(server, "/ws/counted", "http://evil.example")).isEqualTo(403);
            assertThat(counted.get()).as("the handler never saw the refused upgrade").isEqualTo(before);
            java.net.http.WebSocket allowed = client.newWebSocketBuilder().header("Origin", "http://good.example")
                    .buildAsync(ws(server, "/ws/counted"), new java.net.http.WebSocket.Listener() { }).get(10, SECONDS);
            allowed.abort();
            assertThat(counted.get()).isEqualTo(before + 1);
        }
    }

    @Test
    void requestsThatAreNotUpgradesAreOrdinaryHttp() throws Exception {
        for (RunningServer server : both()) {
            HttpResponse<String> response = Http.getText(server.uri("/ws/echo"));
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(Http.getText(server.uri("/plain")).body()).isEqualTo("http /plain");
        }
    }

    @Test
    void theBlockingExecutorRunsWork() throws Exception {
        for (RunningServer server : both()) {
            HttpResponse<String> response = Http.getText(server.uri("/blocking"));
            assertThat(response.statusCode()).as(server.baseUri().toString()).isEqualTo(200);
            assertThat(response.body()).startsWith("ran on ");
        }
    }

    private int handshakeStatus(RunningServer server, String path, String origin) {
        java.net.http.WebSocket.Builder builder = client.newWebSocketBuilder();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        Throwable failure = null;
        try {
            builder.buildAsync(ws(server, path), new java.net.http.WebSocket.Listener() { }).get(10, SECONDS).abort();
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (Exception e) {
            failure = e;
        }
        assertThat(failure).as("the handshake to %s fails", path).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) failure).getResponse().statusCode();
    }

    private static URI ws(RunningServer server, String path) {
        URI base = server.baseUri();
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + path);
    }

    /** Echoes text. */
    private static final class Echo implements WebSocketListener {
        @Override
        public void onText(WebSocket ws, String text) {
            ws.sendText(text);
        }
    }
}
