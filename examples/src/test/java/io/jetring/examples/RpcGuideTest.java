package io.jetring.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.client.ws.WebSocketClient;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import io.jetring.rpc.RpcConnection;
import io.jetring.rpc.RpcErrorException;
import io.jetring.rpc.RpcServer;
import io.jetring.rpc.RpcHandler;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/rpc.md, run against each other. */
class RpcGuideTest {

    @Test
    void theGuidesClientCallsTheGuidesServer() throws Exception {
        try (JetServer server = RpcGuide.server(0)) {
            URI uri = URI.create("ws://localhost:" + server.port() + "/rpc");
            assertThat(RpcGuide.shout(uri, "hello, rpc")).isEqualTo("HELLO, RPC");
            try {
                RpcGuide.shout(uri, "   ");
                throw new AssertionError("a blank request was answered");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(RpcErrorException.class).hasMessage("no reply");
            }
        }
    }

    @Test
    void theBlockingFormsAnswerFromTheWorkerPool(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("report.txt"), "all quiet");
        List<String> threads = new CopyOnWriteArrayList<>();
        RpcHandler directory = RpcGuide.directory(name -> {
            threads.add(Thread.currentThread().toString());
            return name + "@example.org";
        });
        for (RpcHandler handler : List.of(directory, RpcGuide.report(file))) {
            assertThat(handler.isBlocking()).isTrue();
            try (JetServer server = RpcGuide.blockingServer(0, handler);
                 WebSocketClient client = WebSocketClient.create()) {
                URI uri = URI.create("ws://localhost:" + server.port() + "/");
                RpcConnection connection = RpcConnection.connect(listener -> client.connect(uri, listener))
                        .toCompletableFuture().get(10, TimeUnit.SECONDS);
                String reply = new String(connection.request("ada".getBytes(UTF_8)).toCompletableFuture().get(10, TimeUnit.SECONDS), UTF_8);
                assertThat(reply).isEqualTo(handler == directory ? "ada@example.org" : "all quiet");
            }
        }
        assertThat(threads).singleElement().satisfies(thread -> assertThat(thread)
                .contains(Runtime.version().feature() >= 21 ? "VirtualThread" : "jetring"));
    }

    @Test
    void typedCallsAndTheirErrors() throws Exception {
        RpcServer rpc = RpcServer.of(RpcGuide.oracle());
        try (JetServer server = JetServer.run(request -> io.jetring.api.Response.ok(""), ServerOptions.builder()
                .host("127.0.0.1").port(0).websocketHandler(rpc.handler()).drainHook(rpc::drain).build());
             WebSocketClient client = WebSocketClient.create()) {
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/");
            RpcConnection connection = RpcConnection.connect(listener -> client.connect(uri, listener))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(RpcGuide.ask(connection, "what is the answer")).isEqualTo(new RpcGuide.Answer("42", 4));
            assertThat(failure(() -> RpcGuide.ask(connection, " "))).isInstanceOf(RpcErrorException.class)
                    .hasMessage("ask something");
            assertThat(failure(() -> connection.request("{".getBytes(UTF_8)).toCompletableFuture().get(10, TimeUnit.SECONDS)))
                    .isInstanceOf(RpcErrorException.class)
                    .hasMessage("bad request: JSON: not a Question at line 1, column 2");
        }
    }

    @Test
    void theServerAsksItsClientsAndBroadcasts() throws Exception {
        BlockingQueue<String> names = new LinkedBlockingQueue<>();
        RpcServer rpc = RpcGuide.askingServer(names);
        try (JetServer server = JetServer.run(request -> io.jetring.api.Response.ok(""), ServerOptions.builder()
                .host("127.0.0.1").port(0).websocketHandler(rpc.handler()).drainHook(rpc::drain).build());
             WebSocketClient client = WebSocketClient.create()) {
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/");
            BlockingQueue<String> news = new LinkedBlockingQueue<>();
            RpcConnection ada = RpcGuide.answeringClient(client, uri, "Ada");
            assertThat(names.poll(10, TimeUnit.SECONDS)).isEqualTo("Ada");
            RpcConnection listening = RpcConnection.connect(listener -> client.connect(uri, listener), request -> {
                news.add(new String(request.payload(), UTF_8));
                return CompletableFuture.completedFuture(java.util.Optional.of("Bob".getBytes(UTF_8)));
            }, io.jetring.rpc.RpcOptions.defaults()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(names.poll(10, TimeUnit.SECONDS)).isEqualTo("Bob");
            assertThat(news.poll(10, TimeUnit.SECONDS)).isEqualTo("who are you?");

            RpcGuide.broadcast(rpc, "extra, extra");
            assertThat(news.poll(10, TimeUnit.SECONDS)).isEqualTo("extra, extra");
            assertThat(rpc.connections()).hasSize(2);
            assertThat(ada.isOpen()).isTrue();
            assertThat(listening.isOpen()).isTrue();
        }
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static Throwable failure(Call call) {
        try {
            call.run();
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the call succeeded");
    }
}
