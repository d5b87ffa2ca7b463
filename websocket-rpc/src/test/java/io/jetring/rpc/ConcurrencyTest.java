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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Requests are handled concurrently, up to the bound and no further; slow handlers hold up nothing else. */
class ConcurrencyTest {

    @ParameterizedTest
    @EnumSource(Form.class)
    void aConnectionHandlesUpToItsBoundAtOnceAndReadsNoMoreUntilOneIsDone(Form form) throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        // One gate per request, opened one at a time; each handler notes how many were open when it
        // started. The bound holds iff request k (from 0) starts only once k - 3 gates are open.
        List<CompletableFuture<Void>> gates = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            gates.add(new CompletableFuture<>());
        }
        AtomicInteger opened = new AtomicInteger();
        int[] openedAtStart = new int[12];
        RpcHandler gated = request -> {
            int index = Integer.parseInt(new String(request.payload(), UTF_8).substring(1));
            openedAtStart[index] = opened.get();
            started.incrementAndGet();
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            return gates.get(index).thenApply(ok -> {
                running.decrementAndGet();
                return Optional.of(request.payload());
            });
        };
        RpcOptions bound = RpcOptions.builder().maxConcurrentRequests(4).maxQueuedRequests(0).build();
        try (RpcFixture fixture = RpcFixture.start(RpcServer.of(form.of(gated), bound))) {
            RpcConnection client = fixture.connect();
            List<CompletionStage<byte[]>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(client.request(("r" + i).getBytes(UTF_8), Duration.ofSeconds(60)));
            }
            Eventually.until("four handlers started", () -> started.get() >= 4);
            RpcConnection serverSide = fixture.rpc.connections().iterator().next();
            assertThat(serverSide.activeRequests()).isEqualTo(4);

            // Each gate opened frees one place and the next request starts in it (the signal to wait
            // for); a request that started before its place was free shows in openedAtStart.
            for (int i = 0; i < 12; i++) {
                opened.incrementAndGet();
                gates.get(i).complete(null);
                assertThat(new String(calls.get(i).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS), UTF_8))
                        .isEqualTo("r" + i);
                int next = Math.min(12, i + 5);
                Eventually.until(next + " handlers started", () -> started.get() >= next);
            }
            for (int k = 4; k < 12; k++) {
                assertThat(openedAtStart[k]).as("gates open when request r%d started", k).isGreaterThanOrEqualTo(k - 3);
            }
            assertThat(mostAtOnce).hasValue(4);
            assertThat(client.pendingCalls()).isZero();
            Eventually.until("no request left on the server", () -> serverSide.activeRequests() == 0);
        }
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void handlersThatCallThePeerBackAreAnsweredWhileEveryHandlerIsBusy(Form form) throws Exception {
        // Two handlers at once, each waiting for a reply from the client: those replies are read
        // ahead of the queued requests, so every call completes without waiting for a timeout.
        RpcHandler askBack = Pipeline.requests()
                .mapAsync(request -> request.connection().request(request.payload()))
                .reply(Codec.bytes());
        RpcOptions small = RpcOptions.builder().maxConcurrentRequests(2).maxQueuedRequests(32).build();
        try (RpcFixture fixture = RpcFixture.start(RpcServer.of(form.of(askBack), small))) {
            RpcConnection client = fixture.connect(form.of(RpcHandler.echo()), RpcOptions.defaults());
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
    void aBlockingHandlerDoesNotHoldUpTheOthersOnItsConnection() throws Exception {
        assertBlockedHandlerHoldsUpNothing(RpcOptions.defaults());
    }

    @Test
    void aBlockingHandlerRunsOnTheGivenBlockingExecutor() throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(4, task -> new Thread(task, "app-worker"));
        try {
            assertBlockedHandlerHoldsUpNothing(RpcOptions.builder().blockingExecutor(workers).build());
        } finally {
            workers.shutdownNow();
        }
    }

    /** A blocking handler blocks one call; the others on its connection are answered meanwhile. */
    private static void assertBlockedHandlerHoldsUpNothing(RpcOptions options) throws Exception {
        CountDownLatch unblock = new CountDownLatch(1);
        List<String> threads = new CopyOnWriteArrayList<>();
        RpcHandler handler = RpcHandler.blocking(request -> {
            threads.add(Thread.currentThread().getName());
            if (new String(request.payload(), UTF_8).equals("block")) {
                assertThat(unblock.await(60, TimeUnit.SECONDS)).isTrue();
            }
            return Optional.of(request.payload());
        });
        try (RpcFixture fixture = RpcFixture.start(RpcServer.of(handler, options))) {
            RpcConnection client = fixture.connect();
            CompletionStage<byte[]> blocked = client.request("block".getBytes(UTF_8), Duration.ofSeconds(60));
            for (int i = 0; i < 5; i++) {
                byte[] fast = ("fast" + i).getBytes(UTF_8);
                assertThat(client.request(fast).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(fast);
            }
            assertThat(blocked.toCompletableFuture()).isNotDone();
            unblock.countDown();
            assertThat(blocked.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("block".getBytes(UTF_8));
            String expected = options.blockingExecutor().isPresent() ? "app-worker" : "jetring";
            assertThat(threads).hasSize(6).allSatisfy(name -> assertThat(name).startsWith(expected));
        } finally {
            unblock.countDown();
        }
    }
}
