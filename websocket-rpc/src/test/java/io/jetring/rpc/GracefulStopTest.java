package io.jetring.rpc;

import static io.jetring.rpc.RpcFixture.WAIT_SECONDS;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.ws.WebSocket;
import io.jetring.testing.WebSocketRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server stop with calls in flight: new requests are refused, every request in flight is answered
 * and written, then the WebSockets close with 1001, then the server stops.
 */
class GracefulStopTest {
    private static final int IN_FLIGHT = 40;

    @ParameterizedTest
    @EnumSource(Form.class)
    void everyRequestInFlightIsAnsweredAndWrittenBeforeTheSocketsCloseWith1001(Form form) throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        AtomicInteger started = new AtomicInteger();
        List<String> notes = new CopyOnWriteArrayList<>();
        RpcHandler gated = request -> {
            if (!request.expectsReply()) {
                notes.add(new String(request.payload(), UTF_8));
                return CompletableFuture.completedFuture(Optional.empty());
            }
            started.incrementAndGet();
            return release.thenApply(ok -> Optional.of(request.payload()));
        };
        RpcServer rpc = RpcServer.of(form.of(gated), RpcOptions.builder().maxConcurrentRequests(IN_FLIGHT).build());
        CountDownLatch draining = new CountDownLatch(1);
        try (RpcFixture fixture = RpcFixture.start(rpc, options -> options.drainHooks(List.of(() -> {
            // Counted down once the drain has begun, so that what the test sends next is refused.
            CompletionStage<Void> drained = rpc.drain();
            draining.countDown();
            return drained;
        })))) {
            // Raw clients: what they record is the wire order of the server's frames.
            List<WebSocketRecorder> peers = List.of(new WebSocketRecorder(), new WebSocketRecorder());
            List<WebSocket> sockets = new ArrayList<>();
            for (WebSocketRecorder peer : peers) {
                sockets.add(fixture.raw(peer));
                peer.assertNext("open");
            }
            for (int i = 1; i <= IN_FLIGHT * 2; i++) {
                sockets.get(i % 2).sendBinary(new RpcFrame.Request(i, ("call " + i).getBytes(UTF_8)).encode());
            }
            Eventually.until("every call in flight", () -> started.get() == IN_FLIGHT * 2);

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(fixture.server::stop);
            assertThat(draining.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the RPC drain began").isTrue();

            // New requests are refused with an error reply; fire-and-forget ones are dropped.
            sockets.get(0).sendBinary(new RpcFrame.Notification("late note".getBytes(UTF_8)).encode());
            sockets.get(0).sendBinary(new RpcFrame.Request(1000, "late".getBytes(UTF_8)).encode());
            assertThat(RpcFrame.decode(binary(peers.get(0).next()))).isEqualTo(new RpcFrame.ErrorReply(1000, "server stopping"));
            assertThat(stopped).as("the stop waits for the calls in flight").isNotDone();

            release.complete(null);

            for (int p = 0; p < 2; p++) {
                Set<RpcFrame> replies = new HashSet<>();
                for (int n = 0; n < IN_FLIGHT; n++) {
                    replies.add(RpcFrame.decode(binary(peers.get(p).next())));
                }
                Set<RpcFrame> expected = new HashSet<>();
                for (int i = 1; i <= IN_FLIGHT * 2; i++) {
                    if (i % 2 == p) {
                        expected.add(new RpcFrame.Reply(i, ("call " + i).getBytes(UTF_8)));
                    }
                }
                assertThat(replies).as("every reply, then the close").isEqualTo(expected);
                peers.get(p).assertNext("close:1001:server stopping");
            }
            stopped.get(WAIT_SECONDS * 2, TimeUnit.SECONDS);
            assertThat(fixture.server.isRunning()).isFalse();
            assertThat(notes).as("the note sent during the drain was dropped").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void callsInFlightComplete(Form form) throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        RpcHandler gated = request -> release.thenApply(ok -> Optional.of(request.payload()));
        try (RpcFixture fixture = RpcFixture.start(form.of(gated))) {
            RpcConnection client = fixture.connect();
            List<CompletionStage<byte[]>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(client.request(("call " + i).getBytes(UTF_8), Duration.ofSeconds(60)));
            }
            Eventually.until("ten calls in flight", () -> fixture.rpc.connections().stream().anyMatch(c -> c.activeRequests() == 10));
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(fixture.server::stop);
            release.completeAsync(() -> null, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
            for (int i = 0; i < 10; i++) {
                assertThat(calls.get(i).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(("call " + i).getBytes(UTF_8));
            }
            stopped.get(WAIT_SECONDS * 2, TimeUnit.SECONDS);
            client.whenClosed().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(client.pendingCalls()).isZero();
        }
    }

    private static byte[] binary(String event) {
        assertThat(event).startsWith("binary:");
        return HexFormat.of().parseHex(event.substring(7));
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void theClientSeesTheServersGoingAwayAs1001(Form form) throws Exception {
        try (RpcFixture fixture = RpcFixture.start(form.of(RpcHandler.echo()))) {
            WebSocketRecorder raw = new WebSocketRecorder();
            fixture.raw(raw);
            raw.assertNext("open");
            fixture.server.stop();
            raw.assertNext("close:1001:server stopping");
        }
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void aHandlerThatNeverFinishesIsCutOffByTheStopTimeout(Form form) throws Exception {
        RpcHandler stuck = request -> new CompletableFuture<>();
        RpcServer rpc = RpcServer.of(form.of(stuck), RpcOptions.builder().handlerTimeout(Duration.ofMinutes(5)).build());
        try (RpcFixture fixture = RpcFixture.start(rpc, options -> options.stopTimeout(Duration.ofSeconds(2)))) {
            RpcConnection client = fixture.connect();
            CompletionStage<byte[]> call = client.request("forever".getBytes(UTF_8), Duration.ofSeconds(60));
            Eventually.until("the call is in flight", () -> fixture.rpc.connections().stream().anyMatch(c -> c.activeRequests() == 1));

            long start = System.nanoTime();
            fixture.server.stop();

            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("bounded by the stop timeout").isLessThan(10);
            assertThat(failure(call)).isInstanceOf(RpcClosedException.class).hasMessage("request 1: the connection closed with 1001 (server stopping)");
        }
    }

    private static Throwable failure(CompletionStage<?> stage) throws Exception {
        try {
            stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("succeeded");
    }
}
