package io.jetring.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import io.jetring.testing.RawHttp;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** stop() with 200 requests in flight: every one completes with its whole body, nothing new gets in. */
class DrainTest {
    private static final int IN_FLIGHT = 200;
    private static final int CHUNKS = 64;
    private static final int CHUNK = 16 * 1024;

    private final CountDownLatch arrived = new CountDownLatch(IN_FLIGHT);
    private final CompletableFuture<Void> release = new CompletableFuture<>();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sync", "async", "streaming"})
    void everyRequestInFlightCompletesWhole(String kind) throws Exception {
        RingHandler handler = switch (kind) {
            case "sync" -> request -> {
                arrived.countDown();
                release.get(60, TimeUnit.SECONDS);
                return Response.ok("x".repeat(100_000));
            };
            case "async" -> RingHandler.async(request -> {
                arrived.countDown();
                return release.thenApply(done -> Response.ok("x".repeat(100_000)));
            });
            default -> RingHandler.async(request -> CompletableFuture.completedFuture(Response.stream(gated())));
        };
        ServerOptions options = ServerOptions.builder().host("127.0.0.1").port(0).maxThreads(256)
                .stopTimeout(Duration.ofSeconds(60)).build();
        JetServer server = JetServer.run(handler, options);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            responses.add(client.sendAsync(HttpRequest.newBuilder(server.uri().resolve("/r" + i)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }
        assertThat(arrived.await(30, TimeUnit.SECONDS)).as("%d requests in flight", IN_FLIGHT).isTrue();

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::stop);
        RawHttp.awaitRefused(server.port());
        assertThat(stopped).as("stop waits for the requests in flight").isNotDone();
        release.complete(null);

        int expectedLength = kind.equals("streaming") ? CHUNKS * CHUNK : 100_000;
        for (CompletableFuture<HttpResponse<byte[]>> response : responses) {
            HttpResponse<byte[]> done = response.get(60, TimeUnit.SECONDS);
            assertThat(done.statusCode()).isEqualTo(200);
            assertThat(done.body()).hasSize(expectedLength);
        }
        stopped.get(60, TimeUnit.SECONDS);
        assertThat(server.isRunning()).isFalse();
    }

    /** CHUNKS chunks: the first at once, the rest only after {@link #release}. Never blocks. */
    private Flow.Publisher<byte[]> gated() {
        return subscriber -> {
            AtomicInteger sent = new AtomicInteger();
            AtomicInteger demand = new AtomicInteger();
            AtomicInteger wip = new AtomicInteger();
            subscriber.onSubscribe(new Flow.Subscription() {
                private volatile boolean cancelled;

                @Override
                public void request(long n) {
                    demand.addAndGet((int) Math.min(n, CHUNKS));
                    drain();
                }

                private void drain() {
                    if (wip.getAndIncrement() != 0) {
                        return;
                    }
                    do {
                        while (!cancelled && demand.get() > 0 && sent.get() < CHUNKS
                                && (sent.get() == 0 || release.isDone())) {
                            demand.decrementAndGet();
                            if (sent.incrementAndGet() == 1) {
                                arrived.countDown();
                                release.thenRun(this::drain);
                            }
                            subscriber.onNext(new byte[CHUNK]);
                        }
                        if (!cancelled && sent.get() == CHUNKS) {
                            cancelled = true;
                            subscriber.onComplete();
                        }
                    } while (wip.decrementAndGet() != 0);
                }

                @Override
                public void cancel() {
                    cancelled = true;
                }
            });
        };
    }
}
