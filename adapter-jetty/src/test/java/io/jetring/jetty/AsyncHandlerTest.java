package io.jetring.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Async handlers hold no thread while their stage is pending. */
class AsyncHandlerTest {
    private static final int REQUESTS = 500;
    private static final ServerOptions SMALL_POOL = ServerOptions.builder().host("127.0.0.1").port(0)
            .minThreads(8).maxThreads(8).build();

    @Test
    void fiveHundredPendingStagesOnAnEightThreadPool() throws Exception {
        CountDownLatch allArrived = new CountDownLatch(REQUESTS);
        Queue<CompletableFuture<Response>> pending = new ConcurrentLinkedQueue<>();
        RingHandler handler = RingHandler.async(request -> {
            CompletableFuture<Response> stage = new CompletableFuture<>();
            pending.add(stage);
            allArrived.countDown();
            return stage;
        });
        try (JetServer server = JetServer.run(handler, SMALL_POOL)) {
            List<CompletableFuture<HttpResponse<String>>> responses = sendAll(server);
            // Every request is inside the handler at once: none of them holds one of the 8 threads.
            assertThat(allArrived.await(30, TimeUnit.SECONDS))
                    .as("all %d requests pending at the same time (arrived: %d)", REQUESTS,
                            REQUESTS - allArrived.getCount())
                    .isTrue();
            pending.forEach(stage -> stage.complete(Response.ok("done")));
            for (CompletableFuture<HttpResponse<String>> response : responses) {
                assertThat(response.get(30, TimeUnit.SECONDS).body()).isEqualTo("done");
            }
        }
    }

    @Test
    void fiveHundredOneSecondTimersFinishTogetherNotInWaves() throws Exception {
        AtomicReference<Thread> handlerThread = new AtomicReference<>();
        RingHandler handler = RingHandler.async(request -> {
            handlerThread.set(Thread.currentThread());
            return CompletableFuture.supplyAsync(() -> Response.ok("late"),
                    CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));
        });
        try (JetServer server = JetServer.run(handler, SMALL_POOL)) {
            long start = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> responses = sendAll(server);
            for (CompletableFuture<HttpResponse<String>> response : responses) {
                assertThat(response.get(60, TimeUnit.SECONDS).body()).isEqualTo("late");
            }
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // In waves of 8 threads this would take 500 / 8 ≈ 63 s; the bound only rules that out.
            assertThat(elapsedMillis).as("elapsed ms for %d one-second requests", REQUESTS).isLessThan(30_000);
        }
        assertThat(handlerThread.get().getName()).startsWith("jetring");
    }

    private static List<CompletableFuture<HttpResponse<String>>> sendAll(JetServer server) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            responses.add(client.sendAsync(HttpRequest.newBuilder(server.uri().resolve("/wait?i=" + i)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        return responses;
    }
}
