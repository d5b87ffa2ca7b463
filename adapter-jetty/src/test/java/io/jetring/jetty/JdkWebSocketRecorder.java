package io.jetring.jetty;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link java.net.http.WebSocket.Listener} for the JDK's client that assembles messages and records
 * them as lines ({@code text:…}, {@code binary:<hex>}, {@code close:code:reason}, {@code error:…}),
 * like {@code WebSocketRecorder} does on our side.
 */
public class JdkWebSocketRecorder implements WebSocket.Listener {
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private final ByteBuffer binary = ByteBuffer.allocate(1 << 20);

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            events.add("text:" + text);
            text.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        binary.put(data);
        if (last) {
            byte[] bytes = new byte[binary.flip().remaining()];
            binary.get(bytes).clear();
            events.add("binary:" + HexFormat.of().formatHex(bytes));
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        events.add("close:" + statusCode + ":" + reason);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        events.add("error:" + error);
    }

    /** The next event, waiting up to 10 s. */
    public String next() throws InterruptedException {
        String event = events.poll(10, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no event from the JDK WebSocket within 10 s");
        }
        return event;
    }
}
