package io.jetring.engine.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.DataSize;
import io.jetring.api.InvalidArgumentException;
import io.jetring.api.Request;
import io.jetring.api.ws.OverflowPolicy;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketClosedException;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.api.ws.WebSocketOverflowException;
import io.jetring.api.ws.WebSocketTimeoutException;
import io.jetring.testing.WebSocketRecorder;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WebSocketConnectionTest {
    private static final Request UPGRADE = Request.builder().path("/ws").build();
    private static final Duration QUIET = Duration.ofMillis(100);

    private final FakeTransport transport = new FakeTransport();

    private WebSocketConnection open(WebSocketListener listener, WebSocketOptions options) {
        WebSocketConnection connection = new WebSocketConnection(transport, listener, options);
        connection.opened(UPGRADE, Optional.of("chat"));
        return connection;
    }

    private WebSocketConnection open(WebSocketListener listener) {
        return open(listener, WebSocketOptions.defaults());
    }

    @Test
    void opensFirstThenDemandsOneMessageAfterEachCallback() throws Exception {
        WebSocketRecorder recorder = new WebSocketRecorder();
        WebSocketConnection ws = open(recorder);

        recorder.assertNext("open");
        assertThat(ws.isOpen()).isTrue();
        assertThat(ws.subprotocol()).contains("chat");
        assertThat(ws.upgradeRequest().path()).isEqualTo("/ws");
        assertThat(transport.demands).hasValue(1);

        ws.receivedText("a");
        recorder.assertNext("text:a");
        assertThat(transport.demands).hasValue(2);
        ws.receivedBinary(new byte[] {1, 2});
        recorder.assertNext("binary:0102");
        assertThat(transport.demands).hasValue(3);
    }

    @Test
    void aDemandingListenerReadsOnlyWhatItRequested() throws Exception {
        WebSocketRecorder recorder = WebSocketRecorder.demanding();
        WebSocketConnection ws = open(recorder);
        recorder.assertNext("open");
        assertThat(transport.demands).as("nothing is read before request(n)").hasValue(0);

        ws.request(2);
        assertThat(transport.demands).hasValue(1);
        ws.request(5);
        assertThat(transport.demands).as("one read at a time").hasValue(1);
        ws.receivedText("1");
        recorder.assertNext("text:1");
        assertThat(transport.demands).hasValue(2);
    }

    @Test
    void demandRunsOutAndResumes() throws Exception {
        WebSocketRecorder recorder = WebSocketRecorder.demanding();
        WebSocketConnection ws = open(recorder);
        ws.request(1);
        ws.receivedText("1");
        recorder.assertNext("open");
        recorder.assertNext("text:1");
        assertThat(transport.demands).as("demand exhausted: no more reads").hasValue(1);

        ws.receivedPing(new byte[] {7});
        recorder.assertNext("ping:07");
        assertThat(transport.demands).hasValue(1);
        ws.request(1);
        assertThat(transport.demands).hasValue(2);
    }

    @Test
    void pingsAreAnsweredBeforeTheyAreReported() throws Exception {
        WebSocketRecorder recorder = new WebSocketRecorder();
        WebSocketConnection ws = open(recorder);
        ws.receivedPing(new byte[] {9});
        recorder.assertNext("open");
        recorder.assertNext("ping:09");
        assertThat(transport.written).containsExactly("pong:09");
    }

    @Test
    void pingsArrivingWhileAPongIsUnwrittenAreAnsweredOnceWithTheLatestPayload() throws Exception {
        transport.completeWrites = false;
        WebSocketRecorder recorder = new WebSocketRecorder();
        WebSocketConnection ws = open(recorder);
        ws.receivedPing(new byte[] {1});
        ws.receivedPing(new byte[] {2});
        ws.receivedPing(new byte[] {3});
        recorder.assertNext("open");
        recorder.assertNext("ping:01");
        recorder.assertNext("ping:02");
        recorder.assertNext("ping:03");
        assertThat(transport.written).as("one pong in flight").containsExactly("pong:01");

        transport.completeOldest();
        assertThat(transport.written).as("then one for the latest ping").containsExactly("pong:01", "pong:03");
        transport.completeOldest();
        assertThat(transport.written).hasSize(2);
        assertThat(transport.timers).as("no pong overdue check left").isEmpty();
    }

    @Test
    void aPongTakesRoomInTheOutboundQueue() throws Exception {
        transport.completeWrites = false;
        WebSocketOptions options = WebSocketOptions.builder().outboundQueueLimit(DataSize.ofBytes(10)).build();
        WebSocketConnection ws = open(new WebSocketRecorder(), options);
        ws.receivedPing(new byte[8]);
        assertThatThrownBy(() -> ws.sendBinary(new byte[8]).toCompletableFuture().getNow(null))
                .as("the pong's 8 bytes count").cause().isInstanceOf(WebSocketOverflowException.class);
        transport.completeOldest();
        assertThat(ws.sendBinary(new byte[8]).toCompletableFuture()).isNotCompletedExceptionally();
    }

    @Test
    void aPongWaitsForRoomBehindAFullQueueAndGoesWhenThereIsSome() {
        transport.completeWrites = false;
        WebSocketOptions options = WebSocketOptions.builder().outboundQueueLimit(DataSize.ofBytes(10)).build();
        WebSocketConnection ws = open(new WebSocketRecorder(), options);
        ws.sendBinary(new byte[10]);
        ws.receivedPing(new byte[] {7});
        assertThat(transport.written).as("no room for the pong yet").containsExactly("binary:" + "00".repeat(10));
        transport.completeOldest();
        assertThat(transport.written).endsWith("pong:07");
    }

    @Test
    void aPongStillUnwrittenAfterTheIdleTimeoutClosesThePeerWith1008() throws Exception {
        transport.completeWrites = false;
        WebSocketRecorder recorder = new WebSocketRecorder();
        WebSocketConnection ws = open(recorder);
        ws.receivedPing(new byte[] {1});
        ws.receivedPing(new byte[] {2});
        assertThat(transport.timers).as("one check for the pong that waits").hasSize(1);

        transport.tick();
        assertThat(ws.isOpen()).isFalse();
        assertThat(transport.written).contains("close:1008:pongs not read");
        assertThat(transport.aborts).as("a peer that does not read would never take the close frame").hasValue(1);
        recorder.assertNext("open");
        recorder.assertNext("ping:01");
        recorder.assertNext("ping:02");
        recorder.assertNext("error:WebSocketProtocolException");
        assertThat(((io.jetring.api.ws.WebSocketProtocolException) recorder.error()).closeCode()).isEqualTo(1008);
        assertThat(recorder.error()).hasMessageContaining("PT30S");
    }

    @Test
    void aPongWrittenInTimeCancelsItsCheck() {
        transport.completeWrites = false;
        WebSocketConnection ws = open(new WebSocketRecorder());
        ws.receivedPing(new byte[] {1});
        transport.completeOldest();
        assertThat(transport.timers).isEmpty();
        assertThat(ws.isOpen()).isTrue();
    }

    @Test
    void closeIsReportedExactlyOnceAndLast() throws Exception {
        WebSocketRecorder recorder = new WebSocketRecorder();
        WebSocketConnection ws = open(recorder);
        ws.closed(1001, "bye");
        ws.closed(1000, "again");
        ws.failed(new IOException("late"));
        ws.receivedText("late");

        recorder.assertNext("open");
        recorder.assertNext("close:1001:bye");
        recorder.assertNoMoreEvents(QUIET);
        assertThat(ws.whenClosed().toCompletableFuture()).isCompleted();
        assertThat(ws.isOpen()).isFalse();
    }

    @Test
    void anErrorIsReportedOnceAndFollowedByTheClose() throws Exception {
        WebSocketRecorder recorder = new WebSocketRecorder();
        WebSocketConnection ws = open(recorder);
        ws.failed(new IOException("reset"));
        assertThat(ws.isOpen()).as("an error ends sending").isFalse();
        ws.failed(new IOException("second"));
        ws.closed(1006, "");

        recorder.assertNext("open");
        recorder.assertNext("error:IOException");
        recorder.assertNext("close:1006:");
        recorder.assertNoMoreEvents(QUIET);
    }

    @Test
    void closeIsNotReportedIfOpenWasNot() throws Exception {
        WebSocketRecorder recorder = new WebSocketRecorder();
        WebSocketConnection ws = new WebSocketConnection(transport, recorder, WebSocketOptions.defaults());
        ws.failed(new IOException("handshake"));
        ws.closed(1006, "");
        ws.opened(UPGRADE, Optional.empty());

        recorder.assertNoMoreEvents(QUIET);
        assertThat(ws.whenClosed().toCompletableFuture()).isCompleted();
    }

    @Test
    void closeSendsOneFrameAfterEarlierSendsAndLaterSendsFail() throws Exception {
        WebSocketRecorder recorder = new WebSocketRecorder();
        WebSocketConnection ws = open(recorder);
        ws.sendText("last words");
        CompletionStage<Void> closing = ws.close(4000, "done");
        CompletionStage<Void> again = ws.close();

        assertThat((Object) again).isSameAs(closing);
        assertThat(transport.written).containsExactly("text:last words", "close:4000:done");
        assertThat(ws.isOpen()).isFalse();
        assertThatThrownBy(() -> ws.sendText("too late").toCompletableFuture().get())
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WebSocketClosedException.class).hasMessageContaining("close(4000) was called");
        assertThat(closing.toCompletableFuture()).isNotDone();

        ws.closed(4000, "done");
        closing.toCompletableFuture().get(10, TimeUnit.SECONDS);
        recorder.assertNext("open");
        recorder.assertNext("close:4000:done");
    }

    @Test
    void aCloseAskedForBeforeTheHandshakeCompletesIsSentOnceItDoes() throws Exception {
        WebSocketRecorder recorder = new WebSocketRecorder();
        WebSocketConnection ws = new WebSocketConnection(transport, recorder, WebSocketOptions.defaults());
        CompletionStage<Void> closing = ws.close(1001, "server stopping");
        assertThat(transport.written).as("nothing goes out before the handshake").isEmpty();

        ws.opened(UPGRADE, Optional.empty());

        assertThat(transport.written).containsExactly("close:1001:server stopping");
        assertThat(ws.isOpen()).isFalse();
        ws.closed(1001, "server stopping");
        closing.toCompletableFuture().get(10, TimeUnit.SECONDS);
        recorder.assertNext("open");
        recorder.assertNext("close:1001:server stopping");
    }

    @Test
    void theObserverCountsOnlyTheMessagesAcceptedToSend() throws Exception {
        AtomicLong out = new AtomicLong();
        WebSocketConnection ws = new WebSocketConnection(transport, new WebSocketRecorder(), WebSocketOptions.defaults());
        ws.observe(new ConnectionObserver() {
            @Override
            public void messageOut(long bytes) {
                out.addAndGet(bytes);
            }
        });
        ws.opened(UPGRADE, Optional.empty());
        ws.sendText("abc").toCompletableFuture().get(10, TimeUnit.SECONDS);
        ws.close();
        assertThatThrownBy(() -> ws.sendBinary(new byte[5]).toCompletableFuture().get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(WebSocketClosedException.class);

        assertThat(out).as("bytes of the messages accepted; the refused one does not count").hasValue(3);
    }

    @Test
    void sendsStillQueuedWhenTheConnectionEndsFailAsClosed() {
        transport.completeWrites = false;
        WebSocketConnection ws = open(new WebSocketRecorder());
        CompletableFuture<Void> send = ws.sendText("in flight").toCompletableFuture();
        ws.closed(1006, "");
        transport.pending.get(0).completeExceptionally(new IOException("broken pipe"));

        assertThatThrownBy(send::get).cause().isInstanceOf(WebSocketClosedException.class)
                .hasRootCauseInstanceOf(IOException.class);
    }

    @Test
    void aFullQueueFailsTheSendAndRecoversAsWritesComplete() throws Exception {
        transport.completeWrites = false;
        WebSocketOptions options = WebSocketOptions.builder().outboundQueueLimit(DataSize.ofBytes(10)).build();
        WebSocketConnection ws = open(new WebSocketRecorder(), options);

        CompletableFuture<Void> first = ws.sendBinary(new byte[6]).toCompletableFuture();
        CompletableFuture<Void> refused = ws.sendBinary(new byte[6]).toCompletableFuture();
        assertThatThrownBy(refused::get).cause().isInstanceOf(WebSocketOverflowException.class)
                .hasMessage("outbound queue: 6 bytes queued + 6 (expected: at most 10 bytes queued; wait for earlier sends to complete)");
        assertThat(ws.isOpen()).as("an overflow does not close the socket").isTrue();

        transport.completeOldest();
        first.get(10, TimeUnit.SECONDS);
        CompletableFuture<Void> next = ws.sendBinary(new byte[6]).toCompletableFuture();
        assertThat(next).isNotCompletedExceptionally();
        assertThat(transport.written).hasSize(2);
    }

    @Test
    void aMessageLargerThanTheLimitGoesWhenNothingElseIsQueued() {
        transport.completeWrites = false;
        WebSocketOptions options = WebSocketOptions.builder().outboundQueueLimit(DataSize.ofBytes(10)).build();
        WebSocketConnection ws = open(new WebSocketRecorder(), options);
        assertThat(ws.sendBinary(new byte[100]).toCompletableFuture()).isNotCompletedExceptionally();
        assertThat(ws.sendText("x").toCompletableFuture()).isCompletedExceptionally();
    }

    @Test
    void theBlockPolicyWaitsForRoomAndFailsWhenTheSocketCloses() throws Exception {
        transport.completeWrites = false;
        WebSocketOptions options = WebSocketOptions.builder().outboundQueueLimit(DataSize.ofBytes(10))
                .overflowPolicy(OverflowPolicy.BLOCK).build();
        WebSocketConnection ws = open(new WebSocketRecorder(), options);
        ws.sendBinary(new byte[8]);

        CompletableFuture<CompletionStage<Void>> blocked = CompletableFuture.supplyAsync(() -> ws.sendBinary(new byte[8]));
        awaitWaiting(blocked);
        transport.completeOldest();
        assertThat(blocked.get(10, TimeUnit.SECONDS).toCompletableFuture()).isNotCompletedExceptionally();
        assertThat(transport.written).hasSize(2);

        CompletableFuture<CompletionStage<Void>> third = CompletableFuture.supplyAsync(() -> ws.sendBinary(new byte[8]));
        awaitWaiting(third);
        ws.abort();
        assertThatThrownBy(() -> third.get(10, TimeUnit.SECONDS).toCompletableFuture().get())
                .cause().isInstanceOf(WebSocketClosedException.class);
    }

    /** Waits (bounded) until the send is parked: it has not returned and has written nothing new. */
    private void awaitWaiting(CompletableFuture<?> send) throws InterruptedException {
        int before = transport.written.size();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        // The send either returns (a failure of this test) or blocks; give it the chance to do either.
        while (!send.isDone() && System.nanoTime() < deadline && Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getState() == Thread.State.WAITING && isInAcquire(t))) {
            Thread.sleep(5);
        }
        assertThat(send).as("the send blocks while the queue is full").isNotDone();
        assertThat(transport.written).hasSize(before);
    }

    private static boolean isInAcquire(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().endsWith("OutboundQueue") && frame.getMethodName().equals("acquire")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aListenerThatThrowsIsReportedThenTheSocketClosesWith1011() throws Exception {
        WebSocketRecorder recorder = new WebSocketRecorder() {
            @Override
            public void onText(WebSocket ws, String text) {
                super.onText(ws, text);
                throw new IllegalStateException("bug");
            }
        };
        WebSocketConnection ws = open(recorder);
        ws.receivedText("boom");
        recorder.assertNext("open");
        recorder.assertNext("text:boom");
        recorder.assertNext("error:IllegalStateException");
        assertThat(transport.written).containsExactly("close:1011:listener failed");
        ws.closed(1011, "listener failed");
        recorder.assertNext("close:1011:listener failed");
    }

    @Test
    void listenerCallsNeverOverlap() throws Exception {
        CountDownLatch inText = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WebSocketRecorder recorder = new WebSocketRecorder() {
            @Override
            public void onText(WebSocket ws, String text) {
                super.onText(ws, text);
                inText.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        WebSocketConnection ws = open(recorder);
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> ws.receivedText("slow"));
        assertThat(inText.await(10, TimeUnit.SECONDS)).isTrue();
        ws.closed(1000, "");
        recorder.assertNext("open");
        recorder.assertNext("text:slow");
        recorder.assertNoMoreEvents(QUIET);

        release.countDown();
        reading.get(10, TimeUnit.SECONDS);
        recorder.assertNext("close:1000:");
    }

    @Test
    void keepAlivePingsAndGivesUpOnASilentPeer() throws Exception {
        WebSocketRecorder recorder = new WebSocketRecorder();
        WebSocketOptions options = WebSocketOptions.builder().pingInterval(Duration.ofSeconds(5)).build();
        WebSocketConnection ws = open(recorder, options);
        transport.tick();
        assertThat(transport.written).containsExactly("ping");
        ws.receivedPong(new byte[0]);
        transport.tick();
        assertThat(transport.written).as("answered: ping again").containsExactly("ping", "ping");
        assertThat(transport.aborts).hasValue(0);

        transport.tick();
        assertThat(transport.aborts).as("no pong since the last ping").hasValue(1);
        recorder.assertNext("open");
        recorder.assertNext("pong:");
        recorder.assertNext("error:WebSocketTimeoutException");
        assertThat(recorder.error()).isInstanceOf(WebSocketTimeoutException.class).hasMessageContaining("PT5S");
    }

    @Test
    void keepAliveDoesNotBlameAPeerWhileTheApplicationHoldsBackReading() {
        WebSocketOptions options = WebSocketOptions.builder().pingInterval(Duration.ofSeconds(5)).build();
        open(WebSocketRecorder.demanding(), options);
        transport.tick();
        transport.tick();
        transport.tick();
        assertThat(transport.aborts).hasValue(0);
        assertThat(transport.written).containsExactly("ping", "ping", "ping");
    }

    @Test
    void afterCloseTheSocketKeepsReadingToSeeThePeersCloseFrame() throws Exception {
        WebSocketRecorder recorder = WebSocketRecorder.demanding();
        WebSocketConnection ws = open(recorder);
        ws.close();
        assertThat(transport.demands).as("reads despite zero demand").hasValue(1);
        ws.receivedText("dropped");
        assertThat(transport.demands).hasValue(2);
        ws.closed(1000, "");
        recorder.assertNext("open");
        recorder.assertNext("close:1000:");
    }

    @Test
    void badArgumentsThrowAtOnce() {
        WebSocketConnection ws = open(new WebSocketRecorder());
        assertThatThrownBy(() -> ws.close(1005, "")).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("close code: 1005 (expected: 1000..1003, 1007..1014 or 3000..4999)");
        assertThatThrownBy(() -> ws.close(1000, "x".repeat(124))).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("close reason: 124 bytes in UTF-8 (expected: at most 123)");
        assertThatThrownBy(() -> ws.ping(new byte[126])).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("ping payload: 126 bytes (expected: at most 125 bytes)");
        assertThatThrownBy(() -> ws.request(0)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> ws.sendText(null)).isInstanceOf(NullPointerException.class);
        assertThat(transport.written).isEmpty();
        assertThat(ws.isOpen()).isTrue();
    }

    @Test
    void utf8LengthCountsBytesNotChars() {
        assertThat(WebSocketConnection.utf8Length("aé€😀")).isEqualTo(1 + 2 + 3 + 4);
    }
}
