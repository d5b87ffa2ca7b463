package io.jetring.rpc;

import static io.jetring.rpc.RpcFixture.WAIT_SECONDS;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Where each form of handler runs, and where calls complete: the non-blocking form on the thread
 * that read the request, the blocking form on the blocking executor, calls where the answer was read.
 */
class HandlerFormsTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    @Test
    void aNonBlockingHandlerRunsOnTheThreadThatReadTheRequest() {
        FakeWebSocket ws = new FakeWebSocket();
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        RpcHandler handler = Pipeline.payloads().peek(bytes -> ranOn.complete(Thread.currentThread())).reply(Codec.bytes());
        RpcEndpoint endpoint = new RpcEndpoint(handler, RpcOptions.defaults(), new RpcTimer(), connection -> { });
        endpoint.onOpen(ws);

        endpoint.onBinary(ws, hex("01 0000000000000001 aa"));

        assertThat(ranOn).as("handled before onBinary returned").isCompletedWithValue(Thread.currentThread());
        assertThat(ws.sent).containsExactly("00" + "0000000000000001" + "aa");
    }

    @Test
    void aBlockingHandlerRunsOnTheBlockingExecutorAndTheConnectionKeepsReading() throws Exception {
        FakeWebSocket ws = new FakeWebSocket();
        ExecutorService blocking = Executors.newCachedThreadPool(task -> new Thread(task, "app-blocking"));
        RpcTimer timer = new RpcTimer();
        CountDownLatch unblock = new CountDownLatch(1);
        CompletableFuture<String> ranOn = new CompletableFuture<>();
        RpcHandler handler = RpcHandler.blocking(request -> {
            ranOn.complete(Thread.currentThread().getName());
            assertThat(unblock.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            return Optional.of(request.payload());
        });
        try {
            RpcEndpoint endpoint = new RpcEndpoint(handler, RpcOptions.builder().blockingExecutor(blocking).build(),
                    timer, c -> { });
            endpoint.onOpen(ws);

            endpoint.onBinary(ws, hex("01 0000000000000001 aa"));
            assertThat(ranOn.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("app-blocking");
            // The reading thread is free while the handler blocks: a reply to a call of ours gets through.
            CompletionStage<byte[]> call = endpoint.request(new byte[] {1});
            endpoint.onBinary(ws, hex("00 0000000000000001 bb"));
            assertThat(call.toCompletableFuture().getNow(null)).as("completed at once").isEqualTo(new byte[] {(byte) 0xbb});
            assertThat(ws.sent).containsExactly("01" + "0000000000000001" + "01");

            unblock.countDown();
            Eventually.until("the blocked handler's reply is written", () -> ws.sent.size() == 2);
            assertThat(ws.sent.get(1)).isEqualTo("00" + "0000000000000001" + "aa");
        } finally {
            unblock.countDown();
            blocking.shutdownNow();
            timer.stop();
        }
    }

    @Test
    void callsCompleteOnTheThreadThatReadTheAnswerUnlessAnExecutorIsGiven() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        RpcHandler gated = request -> release.thenApply(ok -> Optional.of(request.payload()));
        ExecutorService callbacks = Executors.newSingleThreadExecutor(task -> new Thread(task, "app-callbacks"));
        try (RpcFixture fixture = RpcFixture.start(gated)) {
            RpcConnection direct = fixture.connect();
            RpcConnection handedOff = fixture.connect(RpcHandler.refuse("no"), RpcOptions.builder().executor(callbacks).build());
            CompletionStage<String> directThread = direct.request("a".getBytes(UTF_8)).thenApply(reply -> Thread.currentThread().getName());
            CompletionStage<String> handedOffThread = handedOff.request("b".getBytes(UTF_8))
                    .thenApply(reply -> Thread.currentThread().getName());
            Eventually.until("both calls reached the server", () -> fixture.rpc.connections().stream()
                    .mapToInt(RpcConnection::activeRequests).sum() == 2);
            release.complete(null);

            assertThat(directThread.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .as("the client's reading thread, not a pool of RPC's own")
                    .doesNotStartWith("ForkJoinPool").isNotEqualTo(Thread.currentThread().getName());
            assertThat(handedOffThread.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("app-callbacks");
        } finally {
            callbacks.shutdownNow();
        }
    }

    @Test
    void onJava21ABlockingHandlerRunsOnTheServersVirtualThreads() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21");
        CompletableFuture<String> ranOn = new CompletableFuture<>();
        RpcHandler handler = RpcHandler.blocking(request -> {
            ranOn.complete(Thread.currentThread().toString());
            return Optional.of(request.payload());
        });
        try (RpcFixture fixture = RpcFixture.start(RpcServer.of(handler), options -> options.virtualThreads(true))) {
            byte[] reply = fixture.connect().request("v".getBytes(UTF_8)).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(reply).isEqualTo("v".getBytes(UTF_8));
            assertThat(ranOn.get(WAIT_SECONDS, TimeUnit.SECONDS)).startsWith("VirtualThread");
        }
    }
}
