package io.jetring.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.BadRequestException;
import io.jetring.api.Headers;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.api.ws.WebSocketUpgrade;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class UpgradesTest {
    private static final WebSocketListener LISTENER = new WebSocketListener() { };

    private static Request handshake(String... extra) {
        Headers.Builder headers = Headers.builder().add("Upgrade", "websocket").add("Connection", "keep-alive, Upgrade")
                .add("Sec-WebSocket-Version", "13").add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        for (int i = 0; i < extra.length; i += 2) {
            headers.set(extra[i], extra[i + 1]);
        }
        return Request.builder().protocol("HTTP/1.1").headers(headers.build()).build();
    }

    @Test
    void aValidHandshakeHasNoProblem() {
        assertThat(Upgrades.handshakeProblem(handshake())).isEmpty();
        assertThat(Upgrades.isHandshake(handshake())).isTrue();
    }

    @Test
    void eachBrokenRuleIsNamed() {
        assertThat(Upgrades.handshakeProblem(handshake("Sec-WebSocket-Version", "8")))
                .contains("Sec-WebSocket-Version: [8] (expected: 13)");
        assertThat(Upgrades.handshakeProblem(handshake("Sec-WebSocket-Key", "c2hvcnQ=")))
                .contains("Sec-WebSocket-Key: [c2hvcnQ=] (expected: 16 bytes in base64)");
        assertThat(Upgrades.handshakeProblem(handshake("Connection", "keep-alive")))
                .contains("Connection: [keep-alive] (expected: Upgrade)");
        assertThat(Upgrades.handshakeProblem(handshake().newBuilder().protocol("HTTP/2.0").build()))
                .contains("protocol HTTP/2.0 (expected: HTTP/1.1)");
    }

    @Test
    void refusalsSayWhichStatus() {
        Response ws = Response.websocket(LISTENER);
        assertThat(Upgrades.refusal(handshake(), ws)).isEmpty();
        assertThat(Upgrades.refusal(Request.builder().build(), ws)).get().isInstanceOf(IllegalStateException.class);
        assertThat(Upgrades.refusal(handshake("Sec-WebSocket-Version", "7"), ws)).get()
                .isInstanceOf(BadRequestException.class);
        assertThat(Upgrades.refusal(handshake(), Response.websocket(LISTENER, "chat"))).get()
                .isInstanceOf(IllegalStateException.class);
        assertThat(Upgrades.refusal(handshake("Sec-WebSocket-Protocol", "x, chat"), Response.websocket(LISTENER, "chat")))
                .isEmpty();
        assertThat(Upgrades.refusal(Request.builder().build(), Response.ok("fine"))).isEmpty();
    }

    @Test
    void theAcceptKeyIsRfc6455s() {
        assertThat(Upgrades.acceptKey("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void theRootWebSocketHandlerTakesValidHandshakesAndKeepsTheForm() throws Exception {
        RingHandler sync = Upgrades.withWebSocketHandler(request -> Response.ok("http"),
                request -> WebSocketUpgrade.accept(LISTENER));
        assertThat(sync.isAsync()).isFalse();
        assertThat(sync.handle(handshake()).isWebSocket()).isTrue();
        assertThat(sync.handle(handshake("Sec-WebSocket-Version", "8")).status()).isEqualTo(200);

        RingHandler async = Upgrades.withWebSocketHandler(
                RingHandler.async(request -> CompletableFuture.completedFuture(Response.ok("http"))),
                request -> WebSocketUpgrade.reject(403));
        assertThat(async.isAsync()).isTrue();
        assertThat(async.handleAsync(handshake()).toCompletableFuture().get().status()).isEqualTo(403);
        assertThat(async.handleAsync(Request.builder().build()).toCompletableFuture().get().status()).isEqualTo(200);
    }
}
