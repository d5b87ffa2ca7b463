package io.jetring.bench.jmh;

import io.jetring.api.Request;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.rpc.RpcConnection;
import io.jetring.rpc.RpcHandler;
import io.jetring.rpc.RpcOptions;
import io.jetring.rpc.RpcServer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One RPC round trip through the RPC layer alone: a client connection and a server connection
 * joined by two in-memory WebSockets that deliver each message at once, on the calling thread. The
 * call is encoded, read by the server, answered by an echo handler, and the reply read and
 * completed, all before {@code request} returns. What it costs, and with {@code -prof gc} what it
 * allocates, is the RPC layer's share of a round trip (framing and dispatch, both sides); the
 * network and Jetty are not in it. The blocking form runs its handler on a blocking executor that
 * runs it at once, so that only the dispatch differs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RpcDispatchBench {
    private static final CompletionStage<Void> SENT = CompletableFuture.completedFuture(null);

    @Param({"non-blocking", "blocking"})
    public String form;

    @Param({"64"})
    public int size;

    private RpcConnection client;
    private RpcServer server;
    private byte[] payload;

    @Setup(Level.Trial)
    public void connect() throws Exception {
        payload = new byte[size];
        RpcHandler handler = form.equals("blocking")
                ? RpcHandler.blocking(request -> Optional.of(request.payload()))
                : RpcHandler.echo();
        server = RpcServer.of(handler, RpcOptions.builder().blockingExecutor(Runnable::run).build());
        WebSocketListener serverSide = server.newListener();
        client = RpcConnection.connect(clientSide -> {
            InMemory toServer = new InMemory();
            InMemory toClient = new InMemory();
            toServer.peer = serverSide;
            toServer.peerSocket = toClient;
            toClient.peer = clientSide;
            toClient.peerSocket = toServer;
            serverSide.onOpen(toClient);
            clientSide.onOpen(toServer);
            return CompletableFuture.completedFuture(toServer);
        }, RpcHandler.refuse("no handler"), RpcOptions.defaults()).toCompletableFuture().get();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        client.close();
        server.drain();
    }

    @Benchmark
    public byte[] roundTrip() {
        return client.request(payload).toCompletableFuture().join();
    }

    /** One end of an in-memory WebSocket: what it sends, the peer's listener receives at once. */
    private static final class InMemory implements WebSocket {
        private static final Request UPGRADE = Request.builder().path("/rpc").build();
        WebSocketListener peer;
        InMemory peerSocket;
        volatile boolean open = true;

        @Override
        public CompletionStage<Void> sendText(String text) {
            peer.onText(peerSocket, text);
            return SENT;
        }

        @Override
        public CompletionStage<Void> sendBinary(byte[] data) {
            peer.onBinary(peerSocket, data);
            return SENT;
        }

        @Override
        public CompletionStage<Void> ping(byte[] data) {
            return SENT;
        }

        @Override
        public CompletionStage<Void> close() {
            return close(1000, "");
        }

        @Override
        public CompletionStage<Void> close(int code, String reason) {
            if (open) {
                open = false;
                peerSocket.open = false;
                peer.onClose(peerSocket, code, reason);
                peerSocket.peer.onClose(this, code, reason);
            }
            return SENT;
        }

        @Override
        public void abort() {
            close(1006, "");
        }

        @Override
        public void request(long n) {
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public Optional<String> subprotocol() {
            return Optional.empty();
        }

        @Override
        public Request upgradeRequest() {
            return UPGRADE;
        }
    }
}
