package io.jetring.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One endpoint driven by hand over a fake WebSocket, with handlers run on the calling thread: the
 * demand it asks for (its backpressure), what it writes, and when. {@link RpcEndpointBlockingTest}
 * runs the same tests with the handlers in the blocking form (on a blocking executor that runs
 * them at once, so the test still drives every step).
 */
class RpcEndpointTest {
    @AfterEach
    void stopTheTimer() {
        timer.stop();
    }

    /** The form of the handlers under test. */
    Form form() {
        return Form.NON_BLOCKING;
    }

    private final FakeWebSocket ws = new FakeWebSocket();
    private final RpcTimer timer = new RpcTimer();
    private final List<CompletableFuture<Optional<byte[]>>> handlers = new CopyOnWriteArrayList<>();
    private final List<String> handled = new CopyOnWriteArrayList<>();

    /** A handler whose stages the test completes by hand. */
    private RpcEndpoint endpoint(int maxConcurrent) {
        return endpoint(maxConcurrent, 0);
    }

    private RpcEndpoint endpoint(int maxConcurrent, int maxQueued) {
        RpcHandler gated = request -> {
            handled.add(HexFormat.of().formatHex(request.payload()));
            CompletableFuture<Optional<byte[]>> stage = new CompletableFuture<>();
            handlers.add(stage);
            return stage;
        };
        RpcOptions options = RpcOptions.builder().maxConcurrentRequests(maxConcurrent).maxQueuedRequests(maxQueued)
                .blockingExecutor(Runnable::run).build();
        RpcEndpoint endpoint = new RpcEndpoint(form().of(gated), options, timer, connection -> { });
        endpoint.onOpen(ws);
        return endpoint;
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    @Test
    void aRequestHoldsItsUnitOfDemandUntilItsAnswerIsWritten() {
        RpcEndpoint endpoint = endpoint(2);
        assertThat(ws.demanded).as("the bound, demanded at open").hasValue(2);

        endpoint.onBinary(ws, hex("01 0000000000000001 aa"));
        endpoint.onBinary(ws, hex("01 0000000000000002 bb"));
        assertThat(handled).containsExactly("aa", "bb");
        assertThat(ws.demanded).as("both units in use: nothing more is read").hasValue(2);
        assertThat(endpoint.activeRequests()).isEqualTo(2);

        ws.completeSends = false;
        handlers.get(1).complete(Optional.of(new byte[] {0x0b}));
        assertThat(ws.sent).containsExactly("000000000000000002" + "0b");
        assertThat(ws.demanded).as("answer not written yet").hasValue(2);
        ws.writeAll();
        assertThat(ws.demanded).as("written: one more request may be read").hasValue(3);
        assertThat(endpoint.activeRequests()).isEqualTo(1);
    }

    @Test
    void requestsBeyondTheConcurrencyBoundWaitInOrderAndStillHoldTheirUnit() {
        RpcEndpoint endpoint = endpoint(1, 2);
        assertThat(ws.demanded).as("handled plus queued").hasValue(3);
        endpoint.onBinary(ws, hex("01 0000000000000001 01"));
        endpoint.onBinary(ws, hex("01 0000000000000002 02"));
        endpoint.onBinary(ws, hex("ff 03"));
        assertThat(handled).as("one handler at a time").containsExactly("01");
        assertThat(endpoint.activeRequests()).isEqualTo(3);
        // A reply still gets through while every unit is held by a request.
        endpoint.onBinary(ws, hex("00 0000000000000063"));
        assertThat(ws.demanded).hasValue(4);

        handlers.get(0).complete(Optional.of(new byte[] {1}));
        assertThat(handled).containsExactly("01", "02");
        assertThat(ws.demanded).hasValue(5);
        endpoint.onBinary(ws, hex("03 0000000000000002"));
        handlers.get(1).complete(Optional.of(new byte[] {2}));
        assertThat(handled).containsExactly("01", "02", "03");
        handlers.get(2).complete(Optional.empty());
        assertThat(ws.sent).as("request 2 was cancelled: no answer").containsExactly("000000000000000001" + "01");
        assertThat(endpoint.activeRequests()).isZero();
        assertThat(ws.demanded).hasValue(8);
    }

    @Test
    void aRequestCancelledWhileItWaitsIsNeverHandled() {
        RpcEndpoint endpoint = endpoint(1, 1);
        endpoint.onBinary(ws, hex("01 0000000000000001 01"));
        endpoint.onBinary(ws, hex("01 0000000000000002 02"));
        endpoint.onBinary(ws, hex("03 0000000000000002"));
        handlers.get(0).complete(Optional.of(new byte[] {1}));
        assertThat(handled).containsExactly("01");
        assertThat(endpoint.activeRequests()).isZero();
    }

    @Test
    void repliesCancelsAndErrorsAreReadWithoutUsingASlot() {
        RpcEndpoint endpoint = endpoint(1);
        endpoint.onBinary(ws, hex("01 0000000000000009"));
        assertThat(ws.demanded).hasValue(1);
        endpoint.onBinary(ws, hex("00 0000000000000077 01"));
        endpoint.onBinary(ws, hex("02 0000000000000078 41"));
        endpoint.onBinary(ws, hex("03 0000000000000079"));
        assertThat(ws.demanded).as("each demanded the next at once").hasValue(4);
        assertThat(ws.isOpen()).isTrue();
        assertThat(ws.sent).isEmpty();
    }

    @Test
    void fireAndForgetHoldsItsUnitUntilTheHandlerIsDoneAndIsNeverAnswered() {
        RpcEndpoint endpoint = endpoint(4);
        endpoint.onBinary(ws, hex("ff 0102"));
        assertThat(handled).containsExactly("0102");
        assertThat(ws.demanded).hasValue(4);
        handlers.get(0).complete(Optional.of(new byte[] {9}));
        assertThat(ws.demanded).hasValue(5);
        assertThat(ws.sent).isEmpty();
        assertThat(endpoint.activeRequests()).isZero();
    }

    @Test
    void everyRequestWithAnIdGetsExactlyOneAnswer() {
        RpcEndpoint endpoint = endpoint(8);
        for (int i = 1; i <= 4; i++) {
            endpoint.onBinary(ws, hex("01 000000000000000" + i));
        }
        handlers.get(0).complete(Optional.of(new byte[] {1}));
        handlers.get(1).complete(Optional.empty());
        handlers.get(2).completeExceptionally(new IllegalStateException("secret detail"));
        handlers.get(3).completeExceptionally(new RpcErrorException("no such user: 4"));
        handlers.get(0).complete(Optional.of(new byte[] {2}));
        assertThat(ws.sent).containsExactly(
                "000000000000000001" + "01",
                "020000000000000002" + hexOf("no reply"),
                "020000000000000003" + hexOf("internal error"),
                "020000000000000004" + hexOf("no such user: 4"));
        assertThat(endpoint.activeRequests()).isZero();
    }

    @Test
    void aCancelledRequestIsNotAnsweredAndItsHandlerIsTold() {
        CompletableFuture<CompletionStage<Void>> cancelled = new CompletableFuture<>();
        RpcOptions options = RpcOptions.builder().maxQueuedRequests(0).blockingExecutor(Runnable::run).build();
        RpcEndpoint endpoint = new RpcEndpoint(form().of(request -> {
            cancelled.complete(request.cancelled());
            return new CompletableFuture<>();
        }), options, timer, connection -> { });
        endpoint.onOpen(ws);
        endpoint.onBinary(ws, hex("01 0000000000000005"));
        assertThat(cancelled.join().toCompletableFuture()).isNotDone();
        endpoint.onBinary(ws, hex("03 0000000000000005"));
        assertThat(cancelled.join().toCompletableFuture()).isDone();
        assertThat(ws.sent).isEmpty();
    }

    @Test
    void anAnswerThatOverflowsTheOutboundQueueWaitsAndIsWrittenLater() {
        RpcEndpoint endpoint = endpoint(4);
        endpoint.onBinary(ws, hex("01 0000000000000001"));
        endpoint.onBinary(ws, hex("01 0000000000000002"));
        ws.completeSends = false;
        handlers.get(0).complete(Optional.of(new byte[] {1}));
        ws.overflowNext.set(1);
        handlers.get(1).complete(Optional.of(new byte[] {2}));
        assertThat(ws.sent).as("the second answer did not fit").containsExactly("000000000000000001" + "01");
        assertThat(ws.demanded).hasValue(4);

        ws.writeAll();
        assertThat(ws.sent).as("retried once the first was written")
                .containsExactly("000000000000000001" + "01", "000000000000000002" + "02");
        ws.writeAll();
        assertThat(ws.demanded).as("both slots free once both are written").hasValue(6);
    }

    @Test
    void callsAreFramedWithIdsFromOneUpAndFailedByTheClose() throws Exception {
        RpcEndpoint endpoint = endpoint(4);
        CompletionStage<byte[]> first = endpoint.request(new byte[] {0x0a});
        CompletionStage<byte[]> second = endpoint.request(new byte[] {0x0b}, Duration.ofSeconds(30));
        endpoint.send(new byte[] {0x0c});
        assertThat(ws.sent).containsExactly("010000000000000001" + "0a", "010000000000000002" + "0b", "ff0c");
        assertThat(endpoint.pendingCalls()).isEqualTo(2);

        endpoint.onBinary(ws, hex("00 0000000000000001 aa"));
        assertThat(first.toCompletableFuture().get(10, TimeUnit.SECONDS)).containsExactly(0xaa);
        ws.open = false;
        endpoint.onClose(ws, 1001, "server stopping");
        assertThatThrownBy(() -> second.toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(RpcClosedException.class)
                .hasMessage("request 2: the connection closed with 1001 (server stopping)");
        assertThat(endpoint.pendingCalls()).isZero();
        endpoint.whenClosed().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> endpoint.request(new byte[0]).toCompletableFuture().get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(RpcClosedException.class).hasMessageStartingWith("request: the connection closed with 1001");
    }

    @Test
    void aCloseDropsTheRequestsBeingHandledAndWaitingAtOnce() {
        RpcEndpoint endpoint = endpoint(1, 1);
        endpoint.onBinary(ws, hex("01 0000000000000001"));
        endpoint.onBinary(ws, hex("ff 02"));
        assertThat(endpoint.activeRequests()).isEqualTo(2);
        ws.open = false;
        endpoint.onClose(ws, 1006, "");
        assertThat(endpoint.activeRequests()).as("nothing waits for a handler that never completes").isZero();
        assertThat(handled).as("the waiting request never ran").containsExactly("");
        handlers.get(0).complete(Optional.of(new byte[] {1}));
        assertThat(ws.sent).isEmpty();
    }

    @Test
    void afterAViolationNothingMoreIsHandled() {
        RpcEndpoint endpoint = endpoint(4);
        endpoint.onBinary(ws, hex("05"));
        assertThat(ws.closedWith).isEqualTo("1002:malformed RPC message: type 0x05 (expected: 0x00, 0x01, 0x02, 0x03 or 0xFF)");
        endpoint.onBinary(ws, hex("01 0000000000000001"));
        endpoint.onText(ws, "more");
        assertThat(handled).as("read while the close completes, and ignored").isEmpty();
    }

    @Test
    void aCallerCancellingItsStageForgetsTheCallAndTellsThePeer() {
        RpcEndpoint endpoint = endpoint(4);
        CompletionStage<byte[]> call = endpoint.request(new byte[0]);
        call.toCompletableFuture().cancel(false);
        assertThat(endpoint.pendingCalls()).isZero();
        assertThat(ws.sent).containsExactly("010000000000000001", "030000000000000001");
        endpoint.onBinary(ws, hex("00 0000000000000001 01"));
        assertThat(ws.isOpen()).as("the late reply is dropped quietly").isTrue();
    }

    @Test
    void aFullOutboundQueueFailsTheCallAtOnce() {
        RpcEndpoint endpoint = endpoint(4);
        ws.overflowNext.set(1);
        CompletionStage<byte[]> call = endpoint.request(new byte[] {1});
        assertThatThrownBy(() -> call.toCompletableFuture().get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(RpcException.class).hasMessageStartingWith("request 1: not sent: outbound queue:")
                .hasCauseInstanceOf(io.jetring.api.ws.WebSocketOverflowException.class);
        assertThat(endpoint.pendingCalls()).isZero();
    }

    private static String hexOf(String text) {
        return HexFormat.of().formatHex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void callsWithTheirOwnTimeoutsEachTimeOutInTurnAndOnlyThey() throws Exception {
        RpcEndpoint endpoint = endpoint(4);
        CompletableFuture<byte[]> late = endpoint.request(new byte[] {1}, Duration.ofMillis(400)).toCompletableFuture();
        CompletableFuture<byte[]> soon = endpoint.request(new byte[] {2}, Duration.ofMillis(100)).toCompletableFuture();
        CompletableFuture<byte[]> never = endpoint.request(new byte[] {3}, Duration.ofMinutes(5)).toCompletableFuture();
        CompletableFuture<byte[]> answered = endpoint.request(new byte[] {4}, Duration.ofMillis(100)).toCompletableFuture();
        endpoint.onBinary(ws, hex("00 0000000000000004 04"));
        assertThat(answered.getNow(null)).isEqualTo(new byte[] {4});

        long start = System.nanoTime();
        assertThatThrownBy(() -> soon.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(RpcTimeoutException.class)
                .hasMessage("request 2: no reply within PT0.1S");
        assertThat(late).as("its own deadline is later").isNotDone();
        assertThatThrownBy(() -> late.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(RpcTimeoutException.class)
                .hasMessage("request 1: no reply within PT0.4S");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("on time").isLessThan(5000);
        assertThat(never).isNotDone();
        assertThat(endpoint.pendingCalls()).isEqualTo(1);
        Eventually.until("a cancel for each call that timed out",
                () -> ws.sent.containsAll(List.of("030000000000000001", "030000000000000002")));
        assertThat(ws.sent).doesNotContain("030000000000000003", "030000000000000004");
    }
}
