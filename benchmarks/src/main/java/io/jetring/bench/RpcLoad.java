package io.jetring.bench;

import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.client.ws.WebSocketClient;
import io.jetring.rpc.RpcConnection;
import io.jetring.rpc.RpcHandler;
import io.jetring.rpc.RpcOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * RPC load, and its yardstick: {@code connections} connections from jetring's WebSocket client, each
 * keeping {@code window} round trips of {@code size} bytes in flight, either as RPC requests
 * ({@code rpc}, against an RPC echo server) or as raw binary messages ({@code raw}, against a
 * WebSocket echo). Same client, same window: the ratio is the cost of the RPC layer. Prints round
 * trips/s and p50/p99.
 * <pre>java -jar jetring-benchmarks.jar rpc-load rpc|raw URI CONNECTIONS WINDOW SIZE WARMUP_S SECONDS</pre>
 * The RPC client runs with the default options: each call completes on the thread that read its reply.
 */
public final class RpcLoad {
    private final RoundTrips roundTrips = new RoundTrips();
    private volatile boolean running = true;

    private RpcLoad() {
    }

    /** Runs the load and prints one result line. */
    public static void main(String[] args) throws Exception {
        new RpcLoad().run(args[0], URI.create(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]));
    }

    private void run(String mode, URI uri, int connections, int window, int size, int warmup, int seconds)
            throws Exception {
        try (WebSocketClient client = WebSocketClient.create()) {
            List<Runnable> starters = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                if (mode.equals("rpc")) {
                    RpcConnection rpc = RpcConnection.connect(listener -> client.connect(uri, listener),
                                    RpcHandler.refuse("no handler"), RpcOptions.defaults())
                            .toCompletableFuture().get(10, TimeUnit.SECONDS);
                    starters.add(() -> {
                        for (int w = 0; w < window; w++) {
                            call(rpc, size);
                        }
                    });
                } else if (mode.equals("raw")) {
                    WebSocket ws = client.connect(uri, new Echoer(size)).toCompletableFuture().get(10, TimeUnit.SECONDS);
                    starters.add(() -> {
                        for (int w = 0; w < window; w++) {
                            ws.sendBinary(message(size));
                        }
                    });
                } else {
                    throw new IllegalArgumentException("mode: " + mode + " (expected: rpc or raw)");
                }
            }
            starters.forEach(Runnable::run);
            roundTrips.measure(warmup, seconds);
            running = false;
            System.out.println(roundTrips.report("roundtrips/s"));
        }
    }

    private void call(RpcConnection rpc, int size) {
        if (!running) {
            return;
        }
        byte[] payload = message(size);
        rpc.request(payload).whenComplete((reply, failure) -> {
            if (failure == null) {
                record(reply);
            }
            call(rpc, size);
        });
    }

    private static byte[] message(int size) {
        byte[] payload = new byte[Math.max(8, size)];
        ByteBuffer.wrap(payload).putLong(0, System.nanoTime());
        return payload;
    }

    private void record(byte[] echoed) {
        roundTrips.completed(ByteBuffer.wrap(echoed).getLong(0));
    }

    /** Raw mode: each echo that comes back sends the next message. */
    private final class Echoer implements WebSocketListener {
        private final int size;

        Echoer(int size) {
            this.size = size;
        }

        @Override
        public void onBinary(WebSocket ws, byte[] data) {
            record(data);
            if (running) {
                ws.sendBinary(message(size));
            }
        }
    }
}
