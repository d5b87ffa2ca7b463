package io.jetring.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Response;
import io.jetring.api.ws.Message;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.api.ws.WebSocketProtocolException;
import io.jetring.testing.WebSocketRecorder;
import io.jetring.api.ws.WebSocketUpgrade;
import io.jetring.client.ws.WebSocketClient;
import io.jetring.client.ws.WebSocketClientOptions;
import io.jetring.client.ws.WebSocketRequest;
import io.jetring.client.ws.WebSocketUpgradeException;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import io.jetring.jetty.TlsOptions;
import io.jetring.testing.KeyStores;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our client against our server: one API on both sides. */
class WebSocketClientServerTest {
    @TempDir
    Path temp;

    private JetServer server;
    private WebSocketClient client = WebSocketClient.create();

    @AfterEach
    void stop() {
        client.close();
        if (server != null) {
            server.stop();
        }
    }

    /** Echoes with backpressure: the next message is read only once the last echo was written. */
    static WebSocketListener publisherEcho() {
        return WebSocketListener.publisher((ws, messages) -> messages.subscribe(new Flow.Subscriber<Message>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                this.subscription = subscription;
                subscription.request(1);
            }

            @Override
            public void onNext(Message message) {
                CompletionStage<Void> sent = message instanceof Message.Text text
                        ? ws.sendText(text.text())
                        : ws.sendBinary(((Message.Binary) message).data());
                sent.whenComplete((ok, failure) -> subscription.request(1));
            }

            @Override
            public void onError(Throwable failure) {
            }

            @Override
            public void onComplete() {
            }
        }));
    }

    private JetServer start(WebSocketHandler handler, ServerOptions.Builder options) {
        server = JetServer.run(request -> Response.ok("http"), options.host("127.0.0.1").port(0)
                .websocketHandler(handler).stopTimeout(Duration.ofSeconds(5)).build());
        return server;
    }

    private URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    @Test
    void theSameListenerTypesServeBothSides() throws Exception {
        WebSocketRecorder serverSide = new WebSocketRecorder() {
            @Override
            public void onText(WebSocket ws, String text) {
                super.onText(ws, text);
                ws.sendText("re: " + text);
            }
        };
        start(request -> request.header("Authorization").isPresent()
                ? WebSocketUpgrade.accept(serverSide, "v2.chat")
                : WebSocketUpgrade.reject(401), ServerOptions.builder());

        WebSocketRecorder clientSide = new WebSocketRecorder();
        WebSocket ws = client.connect(WebSocketRequest.of(uri("/chat?room=7"))
                        .withHeader("Authorization", "Bearer t").withSubprotocols("v3.chat", "v2.chat"), clientSide)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        clientSide.assertNext("open");
        assertThat(ws.subprotocol()).contains("v2.chat");
        assertThat(ws.upgradeRequest().path()).isEqualTo("/chat");
        assertThat(ws.upgradeRequest().queryParam("room")).contains("7");
        assertThat(ws.upgradeRequest().header("Authorization")).contains("Bearer t");
        assertThat(ws.upgradeRequest().remoteAddr()).isEqualTo("127.0.0.1");
        assertThat(ws.upgradeRequest().serverPort()).isEqualTo(server.port());

        ws.sendText("hello").toCompletableFuture().get(10, TimeUnit.SECONDS);
        clientSide.assertNext("text:re: hello");
        ws.close(4000, "bye").toCompletableFuture().get(10, TimeUnit.SECONDS);
        clientSide.assertNext("close:4000:bye"); // Jetty answers with the same code and reason
        serverSide.assertNext("open");
        serverSide.assertNext("text:hello");
        serverSide.assertNext("close:4000:bye");

        CompletableFuture<WebSocket> refused = client.connect(uri("/chat"), new WebSocketRecorder()).toCompletableFuture();
        assertThat(refused).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(WebSocketUpgradeException.class)
                .satisfies(e -> assertThat(((WebSocketUpgradeException) e).status()).isEqualTo(401));
    }

    @Test
    void publishersOnBothSidesWithBackpressure() throws Exception {
        start(request -> WebSocketUpgrade.accept(publisherEcho()), ServerOptions.builder());
        int count = 500;
        List<Message> received = new CopyOnWriteArrayList<>();
        CompletableFuture<String> ended = new CompletableFuture<>();
        WebSocket ws = client.connect(uri("/echo"), WebSocketListener.publisher((socket, messages) ->
                messages.subscribe(new Flow.Subscriber<Message>() {
                    private Flow.Subscription subscription;

                    @Override
                    public void onSubscribe(Flow.Subscription subscription) {
                        this.subscription = subscription;
                        subscription.request(10);
                    }

                    @Override
                    public void onNext(Message message) {
                        received.add(message);
                        if (received.size() % 10 == 0) {
                            subscription.request(10);
                        }
                        if (received.size() == count) {
                            socket.close();
                        }
                    }

                    @Override
                    public void onError(Throwable failure) {
                        ended.complete("error " + failure);
                    }

                    @Override
                    public void onComplete() {
                        ended.complete("complete");
                    }
                }))).toCompletableFuture().get(10, TimeUnit.SECONDS);

        for (int i = 0; i < count; i++) {
            if (i % 2 == 0) {
                ws.sendText("t" + i);
            } else {
                ws.sendBinary(new byte[] {(byte) i});
            }
        }
        assertThat(ended.get(20, TimeUnit.SECONDS)).isEqualTo("complete");
        assertThat(received).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(received.get(i)).isEqualTo(i % 2 == 0 ? Message.text("t" + i) : Message.binary(new byte[] {(byte) i}));
        }
    }

    @Test
    void sendsFromManyThreadsArriveWholeAndInEachThreadsOrder() throws Exception {
        int threads = 8;
        int perThread = 200;
        List<String> received = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> all = new CompletableFuture<>();
        start(request -> WebSocketUpgrade.accept(new WebSocketListener() {
            @Override
            public void onText(WebSocket ws, String text) {
                received.add(text);
                if (received.size() == threads * perThread) {
                    all.complete(null);
                }
            }
        }), ServerOptions.builder());
        WebSocket ws = client.connect(uri("/"), new WebSocketRecorder()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<Void>> sends = new CopyOnWriteArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> senders = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String name = "t" + t;
                senders.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        sends.add(ws.sendText(name + ":" + i + ":" + "x".repeat(i % 50)).toCompletableFuture());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> sender : senders) {
                sender.get(30, TimeUnit.SECONDS);
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        all.get(30, TimeUnit.SECONDS);
        for (int t = 0; t < threads; t++) {
            String prefix = "t" + t + ":";
            List<String> mine = received.stream().filter(m -> m.startsWith(prefix)).toList();
            assertThat(mine).hasSize(perThread);
            for (int i = 0; i < perThread; i++) {
                assertThat(mine.get(i)).isEqualTo(prefix + i + ":" + "x".repeat(i % 50));
            }
        }
    }

    @Test
    void theConnectTimeoutEndsWithTheHandshake() throws Exception {
        start(request -> WebSocketUpgrade.accept(publisherEcho()), ServerOptions.builder());
        client.close();
        client = WebSocketClient.create(WebSocketClientOptions.defaults().withConnectTimeout(Duration.ofMillis(500)));
        WebSocketRecorder clientSide = new WebSocketRecorder();
        WebSocket ws = client.connect(uri("/"), clientSide).toCompletableFuture().get(10, TimeUnit.SECONDS);
        clientSide.assertNext("open");
        // Quiet for three connect timeouts: the socket must outlive them.
        clientSide.assertNoMoreEvents(Duration.ofMillis(1500));
        ws.sendText("still here");
        clientSide.assertNext("text:still here");
    }

    @Test
    void theClientEnforcesItsMessageLimitWith1009() throws Exception {
        WebSocketRecorder serverSide = new WebSocketRecorder() {
            @Override
            public void onOpen(WebSocket ws) {
                super.onOpen(ws);
                ws.sendText("x".repeat(70 * 1024));
            }
        };
        start(request -> WebSocketUpgrade.accept(serverSide),
                ServerOptions.builder().websocket(WebSocketOptions.builder().maxMessageSize(io.jetring.api.DataSize.ofMebibytes(1)).build()));
        WebSocketRecorder clientSide = new WebSocketRecorder();
        client.connect(uri("/"), clientSide).toCompletableFuture().get(10, TimeUnit.SECONDS);
        clientSide.assertNext("open");
        clientSide.assertNext("error:WebSocketProtocolException");
        assertThat(((WebSocketProtocolException) clientSide.error()).closeCode()).isEqualTo(1009);
        assertThat(clientSide.nextStartingWith("close:")).startsWith("close:1009:");
        assertThat(serverSide.nextStartingWith("close:")).startsWith("close:1009:");
    }

    @Test
    void theClientKeepsAliveWithPings() throws Exception {
        WebSocketRecorder serverSide = new WebSocketRecorder();
        start(request -> WebSocketUpgrade.accept(serverSide),
                ServerOptions.builder().websocket(WebSocketOptions.builder().idleTimeout(Duration.ofSeconds(1)).build()));
        client.close();
        client = WebSocketClient.create(WebSocketClientOptions.defaults()
                .withWebsocket(WebSocketOptions.builder().pingInterval(Duration.ofMillis(200)).build()));
        WebSocketRecorder clientSide = new WebSocketRecorder();
        client.connect(uri("/"), clientSide).toCompletableFuture().get(10, TimeUnit.SECONDS);
        // Longer than the server's idle timeout: only the client's pings keep the connection open.
        for (int i = 0; i < 8; i++) {
            assertThat(clientSide.nextStartingWith("pong:")).isEqualTo("pong:6b61");
        }
        serverSide.assertNext("open");
        assertThat(serverSide.next()).startsWith("ping:");
    }

    @Test
    void wssWithVerificationOn() throws Exception {
        Path keyStore = KeyStores.generate(temp, "localhost");
        start(request -> WebSocketUpgrade.accept(publisherEcho()),
                ServerOptions.builder().tls(TlsOptions.of(keyStore, KeyStores.PASSWORD)));
        URI secure = URI.create("wss://localhost:" + server.port() + "/echo");

        CompletableFuture<WebSocket> untrusted = client.connect(secure, new WebSocketRecorder()).toCompletableFuture();
        assertThat(untrusted).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(SSLHandshakeException.class);

        try (WebSocketClient trusting = WebSocketClient.create(
                WebSocketClientOptions.defaults().withSslContext(KeyStores.trusting(keyStore)))) {
            WebSocketRecorder clientSide = new WebSocketRecorder();
            WebSocket ws = trusting.connect(secure, clientSide).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(ws.upgradeRequest().scheme()).isEqualTo("https");
            ws.sendText("over tls");
            clientSide.assertNext("open");
            clientSide.assertNext("text:over tls");
        }
    }
}
