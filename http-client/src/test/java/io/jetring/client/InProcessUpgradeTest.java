package io.jetring.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketListener;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * In process, a WebSocket response is checked as a server checks it ({@code docs/SPEC.md} section
 * 11.2) and answered with its {@code 101}; and the request's blocking executor is the client's pool.
 */
class InProcessUpgradeTest {
    private final AtomicBoolean opened = new AtomicBoolean();
    private final WebSocketListener listener = new WebSocketListener() {
        @Override
        public void onOpen(WebSocket ws) {
            opened.set(true);
        }
    };
    private final JetClient client = JetClient.inProcess(new Routes()
            .on("/ws", request -> Response.websocket(listener).addHeader("X-Upgraded", "yes"))
            .on("/chat", request -> Response.websocket(listener, "chat"))
            .on("/blocking", RingHandler.async(request -> CompletableFuture.supplyAsync(
                    () -> Response.ok(Thread.currentThread().getName()), request.context().blockingExecutor()))));

    @AfterEach
    void close() {
        client.close();
    }

    private static ClientRequest.Builder<byte[]> handshake(String url) {
        return ClientRequest.get(url).header("Upgrade", "websocket").header("Connection", "Upgrade")
                .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
    }

    @Test
    void aValidHandshakeGetsThe101WithItsHeadersAndNoConnection() {
        ClientResponse<byte[]> response = Await.result(client.send(handshake("http://app.test/ws").build()));
        assertThat(response.status()).isEqualTo(101);
        assertThat(response.header("Sec-WebSocket-Accept")).contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(response.header("X-Upgraded")).contains("yes");
        assertThat(opened).as("no connection carries frames in process").isFalse();
    }

    @Test
    void theChosenSubprotocolIsAnsweredAndAnUnofferedOneIs500() {
        ClientResponse<byte[]> offered = Await.result(client.send(handshake("http://app.test/chat")
                .header("Sec-WebSocket-Protocol", "other, chat").build()));
        assertThat(offered.header("Sec-WebSocket-Protocol")).contains("chat");
        assertThat(Await.result(client.send(handshake("http://app.test/chat").build())).status()).isEqualTo(500);
    }

    @Test
    void aWebSocketResponseToARequestThatIsNotAnUpgradeIs500() {
        assertThat(Await.result(client.get("http://app.test/ws", As.string())).status()).isEqualTo(500);
    }

    @Test
    void anInvalidHandshakeIs400() {
        ClientResponse<String> response = Await.result(client.send(ClientRequest.get("http://app.test/ws")
                .header("Upgrade", "websocket").header("Connection", "Upgrade").header("Sec-WebSocket-Version", "8")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").as(As.string()).build()));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("Sec-WebSocket-Version: [8] (expected: 13)");
    }

    @Test
    void blockingWorkRunsOnTheClientsPool() {
        assertThat(Await.result(client.get("http://app.test/blocking", As.string())).body())
                .startsWith("jetring-inprocess-");
    }
}
