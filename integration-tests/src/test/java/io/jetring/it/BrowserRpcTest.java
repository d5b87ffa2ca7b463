package io.jetring.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.api.ws.WebSocket;
import io.jetring.testing.WebSocketRecorder;
import io.jetring.examples.DemoApp;
import io.jetring.examples.NoteStore;
import io.jetring.examples.NotesApp;
import io.jetring.router.Router;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import io.jetring.rpc.RpcErrorException;
import io.jetring.rpc.RpcHandler;
import io.jetring.rpc.RpcServer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The browser client ({@code rpc.js}) in headless Chromium, driven by playwright-core: the demo page
 * calls the demo's {@code /rpc}, then the client's requests, timeouts (with the cancel reaching the
 * server), error replies, fire-and-forget, server-to-browser calls, concurrency, closes and malformed
 * input run against test endpoints on the same server. {@code .ci/setup-chromium.sh} installs
 * Chromium and playwright-core first.
 */
class BrowserRpcTest {
    private final BlockingQueue<String> serverEvents = new LinkedBlockingQueue<>();

    @BeforeAll
    static void installChromium() throws Exception {
        NodeProcess.setUp("setup-chromium.sh");
    }

    /** The test endpoint's handler: one behaviour per payload. */
    private RpcHandler testHandler() {
        return request -> {
            String text = new String(request.payload(), UTF_8);
            if (!request.expectsReply()) {
                serverEvents.add("note: " + text);
                return CompletableFuture.completedFuture(Optional.empty());
            }
            return switch (text) {
                case "slow" -> {
                    // A handler that stops when the caller gives up.
                    CompletableFuture<Optional<byte[]>> never = new CompletableFuture<>();
                    request.cancelled().thenRun(() -> {
                        serverEvents.add("cancelled: slow");
                        never.complete(Optional.empty());
                    });
                    yield never;
                }
                case "fail" -> CompletableFuture.failedFuture(new RpcErrorException("no such thing"));
                case "call-me" -> request.connection().request("ping".getBytes(UTF_8))
                        .thenApply(reply -> Optional.of(("the browser said: " + new String(reply, UTF_8)).getBytes(UTF_8)));
                case "hold" -> new CompletableFuture<>();
                default -> CompletableFuture.completedFuture(Optional.of(request.payload()));
            };
        };
    }

    /** A peer that answers the first message with something that breaks the wire format. */
    private static WebSocketRecorder garbage(String kind) {
        return new WebSocketRecorder() {
            @Override
            public void onBinary(WebSocket ws, byte[] data) {
                super.onBinary(ws, data);
                if (kind.equals("text")) {
                    ws.sendText("hello");
                } else {
                    ws.sendBinary(new byte[] {0x07, 0, 0, 0, 0, 0, 0, 0, 1});
                }
            }
        };
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theBrowserClientCallsTheDemoAndBothDirectionsWork() throws Exception {
        RpcServer demo = DemoApp.rpcServer();
        RpcServer test = RpcServer.of(testHandler());
        WebSocketRecorder textPeer = garbage("text");
        WebSocketRecorder typePeer = garbage("type");
        Router app = DemoApp.routes(demo, new NotesApp(NoteStore.inMemory(), Map.of()))
                .websocket("/rpc-test", RingHandler.async(request -> CompletableFuture.completedFuture(test.accept().toResponse())))
                .websocket("/rpc-garbage", RingHandler.async(request -> CompletableFuture.completedFuture(Response.websocket(
                        request.queryString().orElse("").equals("text") ? textPeer : typePeer))))
                .build();
        try (JetServer server = JetServer.run(app, ServerOptions.builder().host("127.0.0.1").port(0)
                .drainHook(demo::drain).drainHook(test::drain)
                .stopTimeout(Duration.ofSeconds(5)).build());
             NodeProcess browser = NodeProcess.start("browser-rpc.mjs", server.uri().toString())) {
            // Launching Chromium on a busy machine takes a while: the first line waits longest.
            assertThat(browser.nextLine(90)).isEqualTo("{\"event\":\"page\",\"state\":\"ok\",\"result\":\"Hello, jetring!\"}");
            assertThat(browser.nextLine(60)).isEqualTo("{\"event\":\"form\",\"state\":\"ok\",\"result\":\"sent from the form ✓\"}");
            assertThat(browser.nextLine(60)).isEqualTo(scenario("request", "ok: héllo €"));
            assertThat(browser.nextLine(30)).isEqualTo(scenario("bytes", "0,255,1"));
            assertThat(browser.nextLine(30)).isEqualTo(scenario("timeout", "RpcTimeoutError: request 3: no reply within 200 ms, pending 0"));
            assertThat(browser.nextLine(30)).isEqualTo(scenario("error reply", "RpcError: no such thing"));
            assertThat(browser.nextLine(30)).isEqualTo(scenario("server calls the browser",
                    "ok: the browser said: browser got ping (id 1)"));
            assertThat(browser.nextLine(30)).isEqualTo(scenario("concurrent", "200 of 200 matched"));
            assertThat(browser.nextLine(30)).isEqualTo(scenario("close with a call pending",
                    "RpcClosedError: request 206: the connection closed with 1000"));
            assertThat(browser.nextLine(30)).isEqualTo(scenario("closed", "{\\\"code\\\":1000,\\\"reason\\\":\\\"\\\"}, pending 0"));
            assertThat(browser.nextLine(30)).isEqualTo(scenario("send after close", "RpcClosedError"));
            assertThat(browser.nextLine(30)).isEqualTo(scenario("server sends text", "4003, RpcClosedError: request 1: "
                    + "the connection was closed with 4003: the peer sent a text message (expected: binary messages only, the RPC wire format)"));
            assertThat(browser.nextLine(30)).isEqualTo(scenario("server sends type", "4002, RpcClosedError: request 1: "
                    + "the connection was closed with 4002: the peer sent malformed RPC message: type 0x07 (expected: 0x00, 0x01, 0x02, 0x03 or 0xFF)"));
            assertThat(browser.nextLine(30)).isEqualTo("{\"event\":\"done\"}");
            assertThat(browser.awaitExit()).isZero();
        }
        // What the server saw: the cancel sent on the timeout, and the fire-and-forget request.
        assertThat(serverEvents.poll(10, TimeUnit.SECONDS)).isEqualTo("cancelled: slow");
        assertThat(serverEvents.poll(10, TimeUnit.SECONDS)).isEqualTo("note: note from the browser");
        assertThat(textPeer.nextStartingWith("close:")).isEqualTo(
                "close:4003:a text message (expected: binary messages only, the RPC wire format)");
        assertThat(typePeer.nextStartingWith("close:")).isEqualTo(
                "close:4002:malformed RPC message: type 0x07 (expected: 0x00, 0x01, 0x02, 0x03 or 0xFF)");
    }

    private static String scenario(String name, String result) {
        return "{\"scenario\":\"" + name + "\",\"result\":\"" + result + "\"}";
    }
}
