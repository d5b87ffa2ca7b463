package io.jetring.bench;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * WebSocket echo load: {@code connections} connections, each keeping {@code window} binary messages
 * of {@code size} bytes in flight (a new one goes out for each echo that comes back). Prints
 * messages/s and the p50/p99 round trip of the measured period. Written on Jetty's client, the same
 * for every server measured.
 * <pre>java -jar jetring-benchmarks.jar ws-load URI CONNECTIONS WINDOW SIZE WARMUP_S SECONDS</pre>
 */
public final class WsLoad {
    private final RoundTrips roundTrips = new RoundTrips();
    private volatile boolean running = true;

    private WsLoad() {
    }

    /** Runs the load and prints one result line. */
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int connections = Integer.parseInt(args[1]);
        int window = Integer.parseInt(args[2]);
        int size = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        new WsLoad().run(uri, connections, window, size, warmup, seconds);
    }

    private void run(URI uri, int connections, int window, int size, int warmup, int seconds) throws Exception {
        WebSocketClient client = new WebSocketClient();
        client.setMaxBinaryMessageSize(Math.max(64 * 1024, size));
        client.start();
        try {
            List<Session> sessions = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                sessions.add(client.connect(new Echoer(size), uri).get(10, TimeUnit.SECONDS));
            }
            for (Session session : sessions) {
                for (int i = 0; i < window; i++) {
                    send(session, size);
                }
            }
            roundTrips.measure(warmup, seconds);
            running = false;
            System.out.println(roundTrips.report("messages/s"));
            for (Session session : sessions) {
                session.close();
            }
        } finally {
            client.stop();
        }
    }

    private void send(Session session, int size) {
        ByteBuffer message = ByteBuffer.allocate(size);
        message.putLong(0, System.nanoTime());
        session.sendBinary(message, Callback.NOOP);
    }

    /** Jetty's listener API; public for Jetty's reflection. */
    public final class Echoer implements Session.Listener.AutoDemanding {
        private final int size;
        private Session session;

        Echoer(int size) {
            this.size = size;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            long sent = payload.getLong(payload.position());
            callback.succeed();
            roundTrips.completed(sent);
            if (running) {
                send(session, size);
            }
        }
    }
}
