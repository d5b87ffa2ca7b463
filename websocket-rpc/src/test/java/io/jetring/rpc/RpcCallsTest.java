package io.jetring.rpc;

import static io.jetring.rpc.RpcFixture.WAIT_SECONDS;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.Response;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketUpgrade;
import io.jetring.client.ws.WebSocketClient;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import io.jetring.testing.WebSocketRecorder;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Calls over a real server and client: both directions, typed, fire-and-forget, and every failure. */
class RpcCallsTest {
    record Question(String text) {
    }

    record Answer(String text, int length) {
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static Throwable failureOf(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("the call did not fail within " + WAIT_SECONDS + " s", e);
        }
        throw new AssertionError("the call succeeded");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void theClientCallsTheServerAndTheServerCallsTheClient(Form form) throws Exception {
        CompletableFuture<RpcConnection> serverSide = new CompletableFuture<>();
        RpcHandler server = Pipeline.payloads().map(Codec.utf8()::decode).map(text -> "server got " + text).reply(Codec.utf8());
        try (RpcFixture fixture = RpcFixture.start(RpcServer.of(form.of(server), RpcOptions.defaults(), serverSide::complete))) {
            RpcHandler clientHandler = Pipeline.payloads().map(Codec.utf8()::decode).map(text -> "client got " + text).reply(Codec.utf8());
            RpcConnection client = fixture.connect(form.of(clientHandler), RpcOptions.defaults());

            assertThat(new String(await(client.request(utf8("ping"))), UTF_8)).isEqualTo("server got ping");
            RpcConnection toClient = serverSide.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(new String(await(toClient.request(utf8("hello"))), UTF_8)).isEqualTo("client got hello");
            assertThat(fixture.rpc.connections()).containsExactly(toClient);
            assertThat(toClient.upgradeRequest().path()).isEqualTo("/rpc");
        }
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void aHandlerCallsThePeerBackWhileAnsweringIt(Form form) throws Exception {
        RpcHandler server = Pipeline.requests()
                .mapAsync(request -> request.connection().request(utf8("who are you?")))
                .map(name -> "hello, " + new String(name, UTF_8))
                .reply(Codec.utf8());
        try (RpcFixture fixture = RpcFixture.start(form.of(server))) {
            RpcConnection client = fixture.connect(form.of(request -> CompletableFuture.completedFuture(Optional.of(utf8("Ada")))),
                    RpcOptions.defaults());
            assertThat(new String(await(client.request(new byte[0])), UTF_8)).isEqualTo("hello, Ada");
        }
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void fireAndForgetReachesTheHandlerAndIsNeverAnswered(Form form) throws Exception {
        BlockingQueue<String> notes = new LinkedBlockingQueue<>();
        RpcHandler server = Pipeline.requests()
                .peek(request -> notes.add(new String(request.payload(), UTF_8) + " expectsReply=" + request.expectsReply()))
                .map(RpcRequest::payload)
                .reply(Codec.bytes());
        try (RpcFixture fixture = RpcFixture.start(form.of(server))) {
            WebSocketRecorder recorder = new WebSocketRecorder();
            WebSocket raw = fixture.raw(recorder);
            recorder.assertNext("open");
            raw.sendBinary(new RpcFrame.Notification(utf8("note")).encode());
            raw.sendBinary(new RpcFrame.Request(1, utf8("q")).encode());
            // The only answer is the reply to the request: the handler's result for the note was dropped.
            recorder.assertNext("binary:00000000000000000171");
            recorder.assertNoMoreEvents(Duration.ofMillis(200));
            // Blocking handlers run at once on several threads: the two may be seen in either order.
            assertThat(List.of(notes.poll(WAIT_SECONDS, TimeUnit.SECONDS), notes.poll(WAIT_SECONDS, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder("note expectsReply=false", "q expectsReply=true");

            RpcConnection client = fixture.connect();
            await(client.send(utf8("another")));
            assertThat(notes.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("another expectsReply=false");
        }
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void typedCallsWithJson(Form form) throws Exception {
        Codec<Question> questions = JsonCodec.of(Question.class);
        Codec<Answer> answers = JsonCodec.of(Answer.class);
        RpcHandler server = Pipeline.payloads().map(questions::decode)
                .map(q -> new Answer(q.text().toUpperCase(java.util.Locale.ROOT), q.text().length()))
                .reply(answers);
        try (RpcFixture fixture = RpcFixture.start(form.of(server))) {
            RpcStub<Question, Answer> stub = fixture.connect().stub(questions, answers);
            assertThat(await(stub.request(new Question("why")))).isEqualTo(new Answer("WHY", 3));
            assertThat(await(stub.request(new Question("ok"), Duration.ofSeconds(5)))).isEqualTo(new Answer("OK", 2));
            // Bytes that are not a Question: the handler answers with a bad-request error.
            Throwable bad = failureOf(stub.connection().request(utf8("{oops")));
            assertThat(bad).isInstanceOf(RpcErrorException.class).hasMessageStartingWith("bad request: JSON: not a Question at line 1");
        }
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void failuresAreErrorRepliesWithoutInternals(Form form) throws Exception {
        RpcHandler server = request -> switch (new String(request.payload(), UTF_8)) {
            case "known" -> CompletableFuture.failedFuture(new RpcErrorException("no such user: 7"));
            case "throws" -> throw new IllegalStateException("password=hunter2");
            case "fails" -> CompletableFuture.failedFuture(new IllegalStateException("password=hunter2"));
            case "empty" -> CompletableFuture.completedFuture(Optional.empty());
            case "null" -> null;
            default -> CompletableFuture.completedFuture(Optional.of(request.payload()));
        };
        try (RpcFixture fixture = RpcFixture.start(form.of(server))) {
            RpcConnection client = fixture.connect();
            assertThat(failureOf(client.request(utf8("known")))).isInstanceOf(RpcErrorException.class).hasMessage("no such user: 7");
            assertThat(failureOf(client.request(utf8("throws")))).isInstanceOf(RpcErrorException.class).hasMessage("internal error");
            assertThat(failureOf(client.request(utf8("fails")))).isInstanceOf(RpcErrorException.class).hasMessage("internal error");
            assertThat(failureOf(client.request(utf8("empty")))).isInstanceOf(RpcErrorException.class).hasMessage("no reply");
            assertThat(failureOf(client.request(utf8("null")))).isInstanceOf(RpcErrorException.class).hasMessage("internal error");
            assertThat(await(client.request(utf8("fine")))).isEqualTo(utf8("fine"));
        }
        RpcOptions mapped = RpcOptions.builder().errorMessages(e -> "failed: " + e.getClass().getSimpleName()).build();
        try (RpcFixture fixture = RpcFixture.start(RpcServer.of(form.of(server), mapped))) {
            assertThat(failureOf(fixture.connect().request(utf8("fails")))).hasMessage("failed: IllegalStateException");
        }
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void aCallTimesOutCancelsOnThePeerAndItsLateReplyIsDroppedQuietly(Form form) throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<CompletionStage<Void>> cancelSignal = new CompletableFuture<>();
        CompletableFuture<Void> answeredLate = new CompletableFuture<>();
        RpcHandler server = request -> {
            if (new String(request.payload(), UTF_8).equals("slow")) {
                cancelSignal.complete(request.cancelled());
                return release.thenApply(ok -> {
                    answeredLate.complete(null);
                    return Optional.of(utf8("too late"));
                });
            }
            return CompletableFuture.completedFuture(Optional.of(request.payload()));
        };
        try (RpcFixture fixture = RpcFixture.start(form.of(server))) {
            RpcConnection client = fixture.connect(RpcHandler.refuse("no"), RpcOptions.builder().timeout(Duration.ofMillis(300)).build());
            CompletionStage<byte[]> slow = client.request(utf8("slow"));
            Throwable timeout = failureOf(slow);
            assertThat(timeout).isInstanceOf(RpcTimeoutException.class).hasMessage("request 1: no reply within PT0.3S");
            assertThat(((RpcTimeoutException) timeout).timeout()).isEqualTo(Duration.ofMillis(300));
            assertThat(client.pendingCalls()).isZero();
            // The cancel reached the server: its handler is told, and its answer will not be sent.
            await(cancelSignal.get(WAIT_SECONDS, TimeUnit.SECONDS));
            // The handler may watch the signal but never complete it, neither at once nor later, even
            // through a cast (toCompletableFuture() gives a copy).
            CompletableFuture<Void> signal = (CompletableFuture<Void>) cancelSignal.get();
            assertThatThrownBy(() -> signal.complete(null)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> signal.orTimeout(1, TimeUnit.MILLISECONDS)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> signal.completeAsync(() -> null)).isInstanceOf(UnsupportedOperationException.class);
            release.complete(null);
            await(answeredLate);
            // A per-call timeout overrides the default; the connection is fine.
            assertThat(await(client.request(utf8("fast"), Duration.ofSeconds(5)))).isEqualTo(utf8("fast"));
            Eventually.until("the server's slot for the cancelled request is free",
                    () -> fixture.rpc.connections().iterator().next().activeRequests() == 0);
        }
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void lateAndUnknownRepliesAreDroppedAndTheConnectionKeepsWorking(Form form) throws Exception {
        // A raw peer, driven by the test: it never answers in time.
        WebSocketRecorder peer = new WebSocketRecorder();
        try (JetServer raw = JetServer.run(request -> Response.ok(""), ServerOptions.builder().host("127.0.0.1").port(0)
                .websocketHandler(request -> WebSocketUpgrade.accept(peer)).build());
             WebSocketClient wsClient = WebSocketClient.create()) {
            URI uri = URI.create("ws://127.0.0.1:" + raw.port() + "/");
            RpcConnection client = await(RpcConnection.connect(listener -> wsClient.connect(uri, listener)));
            WebSocket server = peer.awaitOpen();
            peer.assertNext("open");

            assertThat(failureOf(client.request(utf8("x"), Duration.ofMillis(100)))).isInstanceOf(RpcTimeoutException.class);
            peer.assertNext("binary:010000000000000001" + "78");
            peer.assertNext("binary:030000000000000001");
            await(server.sendBinary(new RpcFrame.Reply(1, utf8("late")).encode()));
            await(server.sendBinary(new RpcFrame.ErrorReply(1, "late too").encode()));
            await(server.sendBinary(new RpcFrame.Reply(999, utf8("never asked")).encode()));
            await(server.sendBinary(new RpcFrame.Cancel(12345).encode()));

            // Still open and working: a request from the raw side is answered (this client takes none).
            await(server.sendBinary(new RpcFrame.Request(5, utf8("q")).encode()));
            peer.assertNext("binary:020000000000000005" + java.util.HexFormat.of().formatHex(utf8("no handler")));
            assertThat(client.isOpen()).isTrue();
            assertThat(client.pendingCalls()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void aCallerMayCancelItsCall(Form form) throws Exception {
        CompletableFuture<CompletionStage<Void>> cancelSignal = new CompletableFuture<>();
        RpcHandler server = request -> {
            cancelSignal.complete(request.cancelled());
            return new CompletableFuture<>();
        };
        try (RpcFixture fixture = RpcFixture.start(form.of(server))) {
            RpcConnection client = fixture.connect();
            CompletionStage<byte[]> call = client.request(utf8("long"), Duration.ofMinutes(1));
            CompletionStage<Void> signal = cancelSignal.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(call.toCompletableFuture().cancel(true)).isTrue();
            await(signal);
            assertThat(client.pendingCalls()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void aHandlerTooSlowForTheHandlerTimeoutIsAnsweredWithAnError(Form form) throws Exception {
        CompletableFuture<CompletionStage<Void>> cancelSignal = new CompletableFuture<>();
        RpcHandler server = request -> {
            cancelSignal.complete(request.cancelled());
            return new CompletableFuture<>();
        };
        RpcOptions options = RpcOptions.builder().handlerTimeout(Duration.ofMillis(200)).build();
        try (RpcFixture fixture = RpcFixture.start(RpcServer.of(form.of(server), options))) {
            RpcConnection client = fixture.connect();
            assertThat(failureOf(client.request(utf8("x")))).isInstanceOf(RpcErrorException.class)
                    .hasMessage("handler timed out after PT0.2S");
            await(cancelSignal.get(WAIT_SECONDS, TimeUnit.SECONDS));
            Eventually.until("the slot is free", () -> fixture.rpc.connections().iterator().next().activeRequests() == 0);
        }
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void aCloseFailsEveryPendingCallOnBothSides(Form form) throws Exception {
        CompletableFuture<RpcConnection> serverSide = new CompletableFuture<>();
        CompletableFuture<CompletionStage<Void>> cancelSignal = new CompletableFuture<>();
        RpcHandler server = request -> {
            cancelSignal.complete(request.cancelled());
            return new CompletableFuture<>();
        };
        try (RpcFixture fixture = RpcFixture.start(RpcServer.of(form.of(server), RpcOptions.defaults(), serverSide::complete))) {
            RpcConnection client = fixture.connect(form.of(request -> new CompletableFuture<>()), RpcOptions.defaults());
            CompletionStage<byte[]> first = client.request(utf8("a"), Duration.ofMinutes(1));
            CompletionStage<byte[]> second = client.request(utf8("b"), Duration.ofMinutes(1));
            RpcConnection toClient = serverSide.get(WAIT_SECONDS, TimeUnit.SECONDS);
            CompletionStage<byte[]> fromServer = toClient.request(utf8("c"), Duration.ofMinutes(1));
            CompletionStage<Void> signal = cancelSignal.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(signal.toCompletableFuture()).isNotDone();
            Eventually.until("both sides have calls pending", () -> client.pendingCalls() == 2 && toClient.pendingCalls() == 1);

            await(toClient.close(4000, "bye"));

            assertThat(failureOf(first)).isInstanceOf(RpcClosedException.class).hasMessage("request 1: the connection closed with 4000 (bye)");
            assertThat(failureOf(second)).isInstanceOf(RpcClosedException.class).hasMessage("request 2: the connection closed with 4000 (bye)");
            assertThat(failureOf(fromServer)).isInstanceOf(RpcClosedException.class).hasMessageStartingWith("request 1: ");
            await(client.whenClosed());
            assertThat(client.pendingCalls()).isZero();
            assertThat(toClient.pendingCalls()).isZero();
            assertThat(client.isOpen()).isFalse();
            assertThat(failureOf(client.request(utf8("after")))).isInstanceOf(RpcClosedException.class)
                    .hasMessage("request: the connection closed with 4000 (bye)");
            assertThat(failureOf(client.send(utf8("after")))).isInstanceOf(RpcClosedException.class);
            // The server's handlers were told that nobody waits for their answers any more.
            await(signal);
            Eventually.until("the server forgot the connection", () -> fixture.rpc.connections().isEmpty());
        }
    }
}
