package io.jetring.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.client.ws.WebSocketClient;
import io.jetring.client.ws.WebSocketUpgradeException;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import io.jetring.rpc.RpcConnection;
import io.jetring.rpc.RpcServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The demo's {@code /ws/echo} and the guide's examples, run for real. */
class WebSocketDemoTest {
    @Test
    void theDemoEchoesTextAsTextAndBinaryAsBinary() throws Exception {
        try (JetServer server = JetServer.run(DemoApp.handler(), ServerOptions.builder().host("127.0.0.1").port(0).build())) {
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws/echo"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            received.add("text " + data);
                            ws.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                            received.add("binary " + data.remaining());
                            ws.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            ws.sendText("hello", true).get(10, TimeUnit.SECONDS);
            ws.sendBinary(ByteBuffer.wrap(new byte[3]), true).get(10, TimeUnit.SECONDS);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("text hello");
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("binary 3");
        }
    }

    @Test
    void theDemosRpcRepliesWithThePayloadUnchanged() throws Exception {
        RpcServer rpc = DemoApp.rpcServer();
        try (JetServer server = JetServer.run(DemoApp.handler(rpc, new NotesApp(NoteStore.inMemory(), Map.of())),
                ServerOptions.builder().host("127.0.0.1").port(0).drainHook(rpc::drain).build());
             WebSocketClient client = WebSocketClient.create()) {
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/rpc");
            RpcConnection connection = RpcConnection.connect(listener -> client.connect(uri, listener))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            byte[] payload = {0, 1, (byte) 0xFF, 'h', 'i'};
            assertThat(connection.request(payload).toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(payload);
            assertThat(connection.request(new byte[0]).toCompletableFuture().get(10, TimeUnit.SECONDS)).isEmpty();
            assertThat(rpc.connections()).hasSize(1);
        }
    }

    @Test
    void theGuidesClientTalksToTheGuidesServer() throws Exception {
        try (JetServer server = WebSocketGuide.server(0)) {
            String base = "ws://localhost:" + server.port();
            assertThat(WebSocketGuide.shout(URI.create(base + "/ws/shout"), "s3cret", "hello")).isEqualTo("HELLO");
            assertThat(WebSocketGuide.shout(URI.create(base + "/ws/echo"), "any", "same")).isEqualTo("same");
            try {
                WebSocketGuide.shout(URI.create(base + "/ws/shout"), "wrong", "hello");
                throw new AssertionError("connected with a wrong token");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(WebSocketUpgradeException.class);
                assertThat(((WebSocketUpgradeException) e.getCause()).status()).isEqualTo(401);
            }
        }
    }
}
