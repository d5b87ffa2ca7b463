package io.jetring.examples;

import io.jetring.api.Response;
import io.jetring.api.ws.WebSocketUpgrade;
import io.jetring.client.ws.WebSocketClient;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import io.jetring.rpc.Codec;
import io.jetring.rpc.JsonCodec;
import io.jetring.rpc.Pipeline;
import io.jetring.rpc.RpcConnection;
import io.jetring.rpc.RpcErrorException;
import io.jetring.rpc.RpcHandler;
import io.jetring.rpc.RpcOptions;
import io.jetring.rpc.RpcServer;
import io.jetring.rpc.RpcStub;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The examples of {@code docs/rpc.md}, kept here so that the build compiles them and a test runs
 * them against each other. Keep the two in step.
 */
public final class RpcGuide {
    private RpcGuide() {
    }

    /** The guide's server: {@code /rpc} answers text in capitals. */
    public static JetServer server(int port) {
        RpcHandler shout = Pipeline.payloads()
                .map(Codec.utf8()::decode)
                .filter(text -> !text.isBlank())
                .map(text -> text.toUpperCase(Locale.ROOT))
                .reply(Codec.utf8());
        RpcServer rpc = RpcServer.of(shout, RpcOptions.builder()
                .maxConcurrentRequests(32)
                .handlerTimeout(Duration.ofSeconds(10))
                .build());
        ServerOptions options = ServerOptions.builder()
                .port(port)
                .websocketHandler(request -> request.path().equals("/rpc")
                        ? rpc.accept()
                        : WebSocketUpgrade.reject(Response.notFound()))
                .drainHook(rpc::drain)
                .build();
        return JetServer.run(request -> Response.ok("plain HTTP on the same port"), options);
    }

    /** The guide's client: one call, then close. */
    public static String shout(URI uri, String text) throws Exception {
        try (WebSocketClient client = WebSocketClient.create()) {
            RpcConnection rpc = RpcConnection.connect(listener -> client.connect(uri, listener))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            byte[] reply = rpc.request(text.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            rpc.close();
            return new String(reply, StandardCharsets.UTF_8);
        }
    }

    /** A question, as JSON. */
    public record Question(String text) {
    }

    /** An answer, as JSON. */
    public record Answer(String text, int words) {
    }

    /** The guide's typed handler: JSON in, JSON out, an error reply for what it cannot answer. */
    public static RpcHandler oracle() {
        return Pipeline.payloads()
                .map(JsonCodec.of(Question.class)::decode)
                .mapAsync(RpcGuide::lookUp)
                .reply(JsonCodec.of(Answer.class));
    }

    private static CompletionStage<Answer> lookUp(Question question) {
        if (question.text().isBlank()) {
            return CompletableFuture.failedFuture(new RpcErrorException("ask something"));
        }
        return CompletableFuture.completedFuture(new Answer("42", question.text().split("\\s+").length));
    }

    /**
     * The guide's blocking pipeline: {@code lookUp} blocks (a database, a file, a blocking client),
     * so the pipeline says so, and runs on the server's worker pool or virtual threads.
     */
    public static RpcHandler directory(Function<String, String> lookUp) {
        return Pipeline.payloads()
                .blocking()
                .map(Codec.utf8()::decode)
                .map(lookUp)
                .reply(Codec.utf8());
    }

    /** The guide's blocking handler, written as a plain function: it reads a file on every request. */
    public static RpcHandler report(Path file) {
        return RpcHandler.blocking(request -> Optional.of(Files.readAllBytes(file)));
    }

    /** The guide's server for blocking handlers: on Java 21, on virtual threads. */
    public static JetServer blockingServer(int port, RpcHandler handler) {
        RpcServer rpc = RpcServer.of(handler);
        return JetServer.run(request -> Response.ok("plain HTTP on the same port"), ServerOptions.builder()
                .port(port)
                .virtualThreads(Runtime.version().feature() >= 21)
                .websocketHandler(rpc.handler())
                .drainHook(rpc::drain)
                .build());
    }

    /** The guide's typed call. */
    public static Answer ask(RpcConnection rpc, String text) throws Exception {
        RpcStub<Question, Answer> oracle = rpc.stub(JsonCodec.of(Question.class), JsonCodec.of(Answer.class));
        return oracle.request(new Question(text)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The guide's server that calls its clients: it asks every new one for its name. */
    public static RpcServer askingServer(BlockingQueue<String> names) {
        return RpcServer.of(RpcHandler.echo(), RpcOptions.defaults(), connection ->
                connection.request("who are you?".getBytes(StandardCharsets.UTF_8))
                        .thenAccept(name -> names.add(new String(name, StandardCharsets.UTF_8))));
    }

    /** The guide's client that answers the server: its handler is the client's half. */
    public static RpcConnection answeringClient(WebSocketClient client, URI uri, String name) throws Exception {
        RpcHandler whoAmI = Pipeline.payloads().map(question -> name).reply(Codec.utf8());
        return RpcConnection.connect(listener -> client.connect(uri, listener), whoAmI, RpcOptions.defaults())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The guide's broadcast: a fire-and-forget request to every client. */
    public static void broadcast(RpcServer rpc, String news) {
        Set<RpcConnection> everyone = rpc.connections();
        everyone.forEach(connection -> connection.send(news.getBytes(StandardCharsets.UTF_8)));
    }
}
