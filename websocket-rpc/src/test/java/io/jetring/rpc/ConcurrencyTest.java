package io.jetring.rpc;

import static io.jetring.rpc.RpcFixture.WAIT_SECONDS;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Requests are handled concurrently, up to the bound and no further; slow handlers hold up nothing else. */
class ConcurrencyTest {

    @Test
    void aConnectionHandlesUpToItsBoundAtOnceAndReadsNoMoreUntilOneIsDone() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        CompletableFuture<Void> release = new CompletableFuture<>();
        RpcHandler gated = request -> {
            started.incrementAndGet();
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            return release.thenApply(ok -> {
                running.decrementAndGet();
                return Optional.of(request.payload());
            });
        };
        RpcOptions bound = RpcOptions.builder().maxConcurrentRequests(4).maxQueuedRequests(0).build();
        try (RpcFixture fixture = RpcFixture.start(RpcServer.of(gated, bound))) {
            RpcConnection client = fixture.connect();
            List<CompletionStage<byte[]>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(client.request(("r" + i).getBytes(UTF_8), Duration.ofSeconds(60)));
            }
            Eventually.until("four handlers run", () -> started.get() == 4);
            RpcConnection serverSide = fixture.rpc.connections().iterator().next();
            // Not serial: four at once. Bounded: no fifth, because nothing more is read.
            Thread.sleep(300);
            assertThat(started).as("handlers started while four run").hasValue(4);
            assertThat(serverSide.activeRequests()).isEqualTo(4);

            release.complete(null);
            for (int i = 0; i < 12; i++) {
                assertThat(new String(calls.get(i).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS), UTF_8))
                        .isEqualTo("r" + i);
            }
            assertThat(mostAtOnce).hasValue(4);
            assertThat(client.pendingCalls()).isZero();
            Eventually.until("no request left on the server", () -> serverSide.activeRequests() == 0);
        }
    }

    @Test
    void handlersThatCallThePeerBackAreAnsweredWhileEveryHandlerIsBusy() throws Exception {
        // Two handlers at once, each waiting for a reply from the client: those replies are read
        // ahead of the queued requests, so every call completes without waiting for a timeout.
        RpcHandler askBack = Pipeline.requests()
                .mapAsync(request -> request.connection().request(request.payload()))
                .reply(Codec.bytes());
        RpcOptions small = RpcOptions.builder().maxConcurrentRequests(2).maxQueuedRequests(32).build();
        try (RpcFixture fixture = RpcFixture.start(RpcServer.of(askBack, small))) {
            RpcConnection client = fixture.connect(RpcHandler.echo(), RpcOptions.defaults());
            List<CompletionStage<byte[]>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(client.request(("q" + i).getBytes(UTF_8), Duration.ofSeconds(60)));
            }
            for (int i = 0; i < 20; i++) {
                assertThat(new String(calls.get(i).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS), UTF_8))
                        .isEqualTo("q" + i);
            }
        }
    }

    @Test
    void aBlockedHandlerDoesNotHoldUpTheOthersOnItsConnection() throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(4);
        CountDownLatch unblock = new CountDownLatch(1);
        RpcHandler handler = request -> {
            if (new String(request.payload(), UTF_8).equals("block")) {
                // A handler that breaks the rule and blocks its thread.
                assertThat(unblock.await(60, TimeUnit.SECONDS)).isTrue();
            }
            return CompletableFuture.completedFuture(Optional.of(request.payload()));
        };
        try (RpcFixture fixture = RpcFixture.start(RpcServer.of(handler, RpcOptions.builder().executor(workers).build()))) {
            RpcConnection client = fixture.connect();
            CompletionStage<byte[]> blocked = client.request("block".getBytes(UTF_8), Duration.ofSeconds(60));
            for (int i = 0; i < 5; i++) {
                byte[] fast = ("fast" + i).getBytes(UTF_8);
                assertThat(client.request(fast).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(fast);
            }
            assertThat(blocked.toCompletableFuture()).isNotDone();
            unblock.countDown();
            assertThat(blocked.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("block".getBytes(UTF_8));
        } finally {
            workers.shutdownNow();
        }
    }
}
