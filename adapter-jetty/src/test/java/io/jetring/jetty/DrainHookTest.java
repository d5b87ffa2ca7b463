package io.jetring.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.api.ws.WebSocketUpgrade;
import io.jetring.testing.WebSocketRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Drain hooks run in a graceful stop after HTTP has drained and before WebSockets get 1001. */
class DrainHookTest {

    @Test
    void hooksRunAfterHttpDrainedAndBeforeWebSocketsClose() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch slowStarted = new CountDownLatch(1);
        CompletableFuture<Void> slowRelease = new CompletableFuture<>();
        CompletableFuture<Void> hookDone = new CompletableFuture<>();
        CountDownLatch hookStarted = new CountDownLatch(1);
        RingHandler http = RingHandler.async(request -> {
            slowStarted.countDown();
            return slowRelease.thenApply(ok -> {
                order.add("http answered");
                return Response.ok("slow done");
            });
        });
        WebSocketRecorder serverSide = new WebSocketRecorder() {
            @Override
            public void onClose(io.jetring.api.ws.WebSocket ws, int code, String reason) {
                order.add("websocket closed " + code);
                super.onClose(ws, code, reason);
            }
        };
        JetServer server = JetServer.run(http, ServerOptions.builder().host("127.0.0.1").port(0)
                .websocketHandler(request -> WebSocketUpgrade.accept(serverSide))
                .drainHook(() -> {
                    order.add("hook started");
                    hookStarted.countDown();
                    return hookDone.thenRun(() -> order.add("hook done"));
                })
                .stopTimeout(Duration.ofSeconds(20)).build());
        HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        JdkWebSocketRecorder wsClient = new JdkWebSocketRecorder();
        jdk.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/"), wsClient)
                .get(10, TimeUnit.SECONDS);
        serverSide.awaitOpen();
        CompletableFuture<HttpResponse<String>> slow = jdk.sendAsync(
                HttpRequest.newBuilder(server.uri().resolve("/slow")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::stop);
        assertThat(hookStarted.await(300, TimeUnit.MILLISECONDS)).as("the hook waits for the HTTP drain").isFalse();
        slowRelease.complete(null);
        assertThat(slow.get(10, TimeUnit.SECONDS).body()).isEqualTo("slow done");
        assertThat(hookStarted.await(10, TimeUnit.SECONDS)).as("the hook runs once HTTP has drained").isTrue();
        assertThat(order).as("the WebSocket waits for the hook").doesNotContain("websocket closed 1001");
        hookDone.complete(null);

        assertThat(wsClient.next()).isEqualTo("close:1001:server stopping");
        stopped.get(10, TimeUnit.SECONDS);
        assertThat(order).containsExactly("http answered", "hook started", "hook done", "websocket closed 1001");
    }

    @Test
    void hooksRunWithoutAWebSocketHandlerAndAFailingHookDoesNotHoldTheStop() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        JetServer server = JetServer.run(request -> Response.ok("ok"), ServerOptions.builder().host("127.0.0.1").port(0)
                .drainHook(() -> {
                    calls.add("throws");
                    throw new IllegalStateException("broken hook");
                })
                .drainHook(() -> {
                    calls.add("fails");
                    return CompletableFuture.failedFuture(new IllegalStateException("failed hook"));
                })
                .drainHook(() -> {
                    calls.add("succeeds");
                    return CompletableFuture.completedFuture(null);
                })
                .stopTimeout(Duration.ofSeconds(20)).build());

        CompletableFuture.runAsync(server::stop).get(10, TimeUnit.SECONDS);

        assertThat(calls).containsExactly("throws", "fails", "succeeds");
        assertThat(server.isRunning()).isFalse();
    }

    @Test
    void aHookThatNeverCompletesIsCutOffByTheStopTimeout() throws Exception {
        WebSocketRecorder serverSide = new WebSocketRecorder();
        JetServer server = JetServer.run(request -> Response.ok("ok"), ServerOptions.builder().host("127.0.0.1").port(0)
                .websocketHandler(request -> WebSocketUpgrade.accept(serverSide))
                .drainHook(CompletableFuture::new)
                .stopTimeout(Duration.ofSeconds(2)).build());
        JdkWebSocketRecorder wsClient = new JdkWebSocketRecorder();
        HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/"), wsClient).get(10, TimeUnit.SECONDS);
        serverSide.awaitOpen();

        CompletableFuture.runAsync(server::stop).get(10, TimeUnit.SECONDS);

        // The WebSocket still got its 1001, inside the stop timeout's last second.
        assertThat(wsClient.next()).isEqualTo("close:1001:server stopping");
        assertThat(server.isRunning()).isFalse();
    }

    @Test
    void optionsKeepTheHooksInOrderAndRejectNull() {
        java.util.function.Supplier<java.util.concurrent.CompletionStage<Void>> a = () -> null;
        java.util.function.Supplier<java.util.concurrent.CompletionStage<Void>> b = () -> null;
        ServerOptions options = ServerOptions.builder().drainHook(a).drainHook(b).build();
        assertThat(options.drainHooks()).containsExactly(a, b);
        assertThat(ServerOptions.defaults().drainHooks()).isEmpty();
        assertThat(options.newBuilder().drainHooks(List.of()).build().drainHooks()).isEmpty();
        assertThatThrownBy(() -> ServerOptions.builder().drainHook(null)).isInstanceOf(NullPointerException.class);
    }
}
